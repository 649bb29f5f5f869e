"""A WSGI app of one line, served by gunicorn with the project's gunicorn.conf.py in a test."""


def application(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", "2")])
    return [b"ok"]
