"""cartoparti's server: the Streamlit app (app.py) inside its server shell.

``python serve.py [--server.port 8600 --server.address 0.0.0.0 …]`` is what ``make run``
does (Streamlit's settings as ``streamlit run`` takes them, or in ``.streamlit/config.toml``). The shell
(:mod:`cartoparti.server`) adds the security headers, the page's language, the
signed cookies and the agents' sign-in that survives a reload. ``streamlit run serve.py``
runs the same shell, except that uvicorn then announces itself in a ``server`` header.
"""

import sys

import streamlit as st

from cartoparti import server as shell

app = st.App("app.py", **shell.app_options())

if __name__ == "__main__":
    app.run(config=shell.run_config(sys.argv[1:]))
