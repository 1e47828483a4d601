"""The load test on the production stack (issue 10): ``make load`` / ``python -m loadtest``.

``__main__`` builds a throw-away PostgreSQL database, seeds it (``seed_scale``), prepares
the accounts and survey links (``prepare``), starts gunicorn with production settings and
runs locust (``locustfile``) against it on loopback. Nothing here is imported by the app
or by the test suite's collection: locust monkey-patches with gevent on import.
"""
