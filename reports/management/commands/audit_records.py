from django.core.management.base import BaseCommand, CommandError

from reports.records.audit import problems


class Command(BaseCommand):
    help = (
        "Check every record against its source as the admin checks one record: quotes "
        "verbatim, figures, dates and words in their quotes, who states each record and the "
        "author of its citations, translations labelled. One line per problem; exits non-zero "
        "if there is any."
    )

    def handle(self, *args, **options):
        count = 0
        for problem in problems():
            self.stdout.write(str(problem))
            count += 1
        if count:
            raise CommandError(f"{count} problem(s) found.", returncode=1)
        self.stdout.write(self.style.SUCCESS("Every record agrees with its source."))
