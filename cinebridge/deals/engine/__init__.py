"""Pure computation for deals: the financial terms. No Django imports."""
