#!/usr/bin/env python3
"""The reference reader of the workbook benchmark: fastexcel (Rust, calamine; PyPI, pinned
to 0.21.0 by run.sh) reading every cell of the first sheet into Arrow columns, the way a
competent user would for speed: `read_excel(path).load_sheet(0)` (parses the whole sheet
with calamine, shared strings resolved, column types inferred) and then the Arrow record
batch through fastexcel's Arrow PyCapsule interface (`__arrow_c_array__`, what
`pyarrow.record_batch(sheet)` or polars call; done here without importing pyarrow, whose
import alone costs more than a small sheet's read). No pandas, no per-cell Python objects.

Prints the rows and columns read and, per column, the cells that held a value (length -
null count of the Arrow child array, read from the C data interface with ctypes), so the
benchmark can check that every cell was really read. usage: fastexcel_read.py FILE.xlsx"""
import ctypes
import sys

import fastexcel


class ArrowArray(ctypes.Structure):
    pass


ArrowArray._fields_ = [
    ("length", ctypes.c_int64),
    ("null_count", ctypes.c_int64),
    ("offset", ctypes.c_int64),
    ("n_buffers", ctypes.c_int64),
    ("n_children", ctypes.c_int64),
    ("buffers", ctypes.POINTER(ctypes.c_void_p)),
    ("children", ctypes.POINTER(ctypes.POINTER(ArrowArray))),
    ("dictionary", ctypes.POINTER(ArrowArray)),
    ("release", ctypes.c_void_p),
    ("private_data", ctypes.c_void_p),
]


def capsule_pointer(capsule, name):
    get = ctypes.pythonapi.PyCapsule_GetPointer
    get.restype = ctypes.c_void_p
    get.argtypes = [ctypes.py_object, ctypes.c_char_p]
    return get(capsule, name)


sheet = fastexcel.read_excel(sys.argv[1]).load_sheet(0)
_schema, array = sheet.__arrow_c_array__()
batch = ArrowArray.from_address(capsule_pointer(array, b"arrow_array"))
values = [batch.children[i].contents.length - batch.children[i].contents.null_count for i in range(batch.n_children)]
print(f"rows={batch.length} columns={batch.n_children} cells={sum(values)} per_column={values}")
