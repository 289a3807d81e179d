"""Reports across time: series membership and order, the store of loaded reports, action threads."""
