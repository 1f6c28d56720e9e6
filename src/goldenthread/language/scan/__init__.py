"""`goldenthread scan`: the shared-language check over a whole archive, on Dask distributed.

- sources.py  finds the inputs and cuts them into partitions of bounded size (the driver only
              lists files, reads zip directories and table headers, and finds safe cut points);
              then, on a worker, reads one partition's records
- run.py      the scan itself: the manifest, the cluster, bounded submission, resume, the summary
- report.py   the report (report.html, report.csv, errors.csv) aggregated part by part
- command.py  the command-line options (imported by the `goldenthread` command; light: Dask and
              pyarrow are imported only when a scan runs)

Pure Python; like the rest of `goldenthread.language`, it imports nothing from Django.
"""
