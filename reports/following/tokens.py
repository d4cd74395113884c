"""The signed tokens in the links of the site's e-mails. Each names a subscription by its
own secret (Subscription.uuid), signed with the site's SECRET_KEY and a salt per purpose,
so that a confirmation link cannot unsubscribe, nor the other way round."""

from django.core import signing

from whitepaper.models import Subscription

CONFIRM_DAYS = Subscription.CONFIRM_DAYS
CONFIRM_SALT = "following.confirm"
#: An unsubscribe link works as long as its subscription lasts (RFC 8058: a link in an old
#: message must still work).
UNSUBSCRIBE_SALT = "following.unsubscribe"


def make(subscription, salt):
    return signing.dumps(str(subscription.uuid), salt=salt, compress=False)


class InvalidToken(Exception):
    """A forged or altered token, or one made for another purpose."""


class ExpiredToken(InvalidToken):
    """A genuine token older than it may be."""


def read(token, salt, max_age=None):
    """The subscription uuid the token names; InvalidToken or (past ``max_age`` seconds)
    ExpiredToken."""
    try:
        return signing.loads(token, salt=salt, max_age=max_age)
    except signing.SignatureExpired as error:
        raise ExpiredToken from error
    except signing.BadSignature as error:
        raise InvalidToken from error
