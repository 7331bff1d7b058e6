"""App side of the dashboard: cached loaders, URL state, provenance, downloads, figures and the base map."""
