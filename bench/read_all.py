#!/usr/bin/python3
"""pydicom side of bench/parse-bench.sh: read every file given (or every file under a
directory) and touch every element's value, nested sequences included."""
import os
import sys
import time

import pydicom


def walk(ds):
    n = 0
    for elem in ds:
        n += 1
        if elem.VR == "SQ":
            for item in elem.value:
                n += walk(item)
        else:
            _ = elem.value
    return n


def main():
    files = []
    for arg in sys.argv[1:]:
        if os.path.isdir(arg):
            for root, _, names in os.walk(arg):
                files.extend(os.path.join(root, n) for n in sorted(names))
        else:
            files.append(arg)
    t0 = time.perf_counter()
    elements = 0
    for f in files:
        elements += walk(pydicom.dcmread(f, force=True))
    print("pydicom %s: %d files, %d elements, %.3f s" % (pydicom.__version__, len(files), elements,
                                                         time.perf_counter() - t0))


if __name__ == "__main__":
    main()
