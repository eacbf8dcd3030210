"""The 2018 write-up's download step, as a baseline: a pool of 20 threads, urllib, one
request and one file write per image, HTTP errors printed and skipped. Standard library only.

Usage: python3 writeup_threadpool.py LIST.tsv OUT_DIR [THREADS]
LIST.tsv holds one `url<TAB>relative/path.jpg` a line.
"""
import os
import sys
import urllib.error
import urllib.request
from multiprocessing.pool import ThreadPool


def main():
    list_path, out_dir = sys.argv[1], sys.argv[2]
    threads = int(sys.argv[3]) if len(sys.argv) > 3 else 20
    with open(list_path) as f:
        rows = [line.rstrip("\n").split("\t") for line in f if line.strip()]

    # the write-up made one folder per breed before downloading
    for folder in sorted({os.path.dirname(path) for _, path in rows}):
        os.makedirs(os.path.join(out_dir, folder), exist_ok=True)

    def fetch(row):
        url, path = row
        try:
            with urllib.request.urlopen(url) as response:
                data = response.read()
            with open(os.path.join(out_dir, path), "wb") as out:
                out.write(data)
        except urllib.error.HTTPError as error:
            print(error, url)

    pool = ThreadPool(threads)
    pool.map(fetch, rows)
    pool.close()
    pool.join()


if __name__ == "__main__":
    main()
