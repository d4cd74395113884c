"""What every public page's frame needs: the tables for the navigation and the licence."""

from reports.catalogue import TABLES
from reports.licence import RECORDS_LICENCE


def site(request):
    return {"nav_tables": TABLES, "licence": RECORDS_LICENCE}
