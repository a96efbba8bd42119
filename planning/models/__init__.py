"""Zoning plans, stakeholders and resident budgets will live here (the areas are in ``city``)."""
