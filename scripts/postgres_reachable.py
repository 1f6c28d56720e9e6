"""Exit 0 when a PostgreSQL server answers at the given URL, 1 otherwise (used by `make test`)."""

import sys

import psycopg


def main(url: str) -> int:
    server = url.rsplit("/", 1)[0] + "/postgres"
    try:
        with psycopg.connect(server, connect_timeout=3):
            return 0
    except Exception:  # noqa: BLE001 - any failure means "not reachable", which is not an error here
        return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
