"""Site search as readers see it: a request's query and results, and each result shown."""
