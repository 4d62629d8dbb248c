"""Files at the edges: the territory folder, imports and exports, safe CSV cells."""

EXPORT_FORMATS = ("geojson", "csv", "gpkg", "open311")
"""The formats of the open exports (:mod:`cartoparti.io.export`), here so that the
command line can offer them without importing geopandas."""
