"""The API for programs at /api/v1/ (django-ninja), described by OpenAPI: one module per
idea: schemas, representation, parameters, paging, problems, http (ETags, caching), the rate
limit, the docs page, the description, and a module per group of operations."""
