"""Files at the edges: the territory folder, imports and exports, safe CSV cells."""
