"""cartoparti — a participatory GIS for French local authorities.

Residents pin what they know on a map of their territory; agents see who and
where is missing; planners answer back. The library never imports streamlit
except in :mod:`cartoparti.web`.
"""

__version__ = "0.1.0"
