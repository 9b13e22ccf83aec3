"""Content loading and page rendering for the site "Klimaschutz verstetigen"."""
