#!/usr/bin/env python3
"""Reads every cell of the first sheet with fastexcel (Rust, calamine) into its Arrow
columns (load_sheet parses and types the whole sheet): the reference reader of the
benchmark. usage: fastexcel_read.py FILE.xlsx"""
import sys

import fastexcel

sheet = fastexcel.read_excel(sys.argv[1]).load_sheet(0)
print(f"rows={sheet.height} columns={sheet.width}")
