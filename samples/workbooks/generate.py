#!/usr/bin/env python3
"""Writes the sample workbooks with writers other than Ledger's own (openpyxl here, then
LibreOffice for the formula workbook), so the .xlsx reader is tested against real writers.

Run by hand (never by the product or the tests): python3 samples/workbooks/generate.py
Needs: pip install openpyxl==3.1.5; Debian libreoffice-calc-nogui (soffice) for the
LibreOffice workbook. The outputs are committed; re-running rewrites them.
"""
import datetime as dt
import os
import shutil
import subprocess
import tempfile

from openpyxl import Workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.styles import Alignment, Font
from openpyxl.utils.datetime import CALENDAR_MAC_1904

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def fixed(wb):
    # Stable document properties (openpyxl stamps the current time otherwise).
    when = dt.datetime(2026, 11, 27, 2, 0, 0)
    wb.properties.created = when
    wb.properties.modified = when
    wb.properties.creator = "Ledger samples"
    return wb


def yonyou_repair_orders():
    """A Yonyou-style 导出Excel: a notes sheet first, then 工单列表 with a merged title row,
    a merged export-info row, Chinese headers on row 3 (备注 merged over two columns) and
    real date-time cells."""
    wb = fixed(Workbook())
    notes = wb.active
    notes.title = "说明"
    notes["A1"] = "本文件由 DMS 导出，请勿修改表头。"
    ws = wb.create_sheet("工单列表")
    headers = ["工单号", "VIN", "开单时间", "预计交车时间", "竣工时间", "结算时间", "进厂里程",
               "维修类型", "工单状态", "服务顾问", "故障描述", "是否待料", "备注"]
    ws["A1"] = "维修工单导出"
    ws["A1"].font = Font(bold=True, size=14)
    ws["A1"].alignment = Alignment(horizontal="center")
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(headers) + 1)
    ws["A2"] = "导出时间：2026-10-28 02:00:05    经销商：上海浦东星辰汽车销售服务有限公司"
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=len(headers) + 1)
    for column, title in enumerate(headers, start=1):
        ws.cell(row=3, column=column, value=title).font = Font(bold=True)
    ws.merge_cells(start_row=3, start_column=len(headers), end_row=3, end_column=len(headers) + 1)
    rows = [
        ["RO2610270001", "LSVAM4183RN100000", dt.datetime(2026, 10, 27, 8, 31), dt.datetime(2026, 10, 27, 17, 0),
         dt.datetime(2026, 10, 27, 15, 42), dt.datetime(2026, 10, 27, 16, 10), 12035, "12121001", "12551010", "SA001",
         "左前大灯不亮", "否", "客户自带配件"],
        ["RO2610270002", "LSVAM4183RN100001", dt.datetime(2026, 10, 27, 9, 5), dt.datetime(2026, 10, 28, 12, 0),
         None, None, 48210, "12121003", "12551001", "SA002", "常规保养\n更换机油", "是", None],
        ["RO2610270003", "LSVAM4183RN100002", dt.datetime(2026, 10, 27, 10, 12), dt.datetime(2026, 10, 27, 18, 0),
         dt.datetime(2026, 10, 27, 17, 20), dt.datetime(2026, 10, 27, 17, 45), 3050, "12121002", "12551010", "SA001",
         "返修：异响", "否", None],
    ]
    for r, values in enumerate(rows, start=4):
        for c, value in enumerate(values, start=1):
            cell = ws.cell(row=r, column=c, value=value)
            if isinstance(value, dt.datetime):
                cell.number_format = "yyyy/m/d h:mm"
    wb.save(os.path.join(ROOT, "samples", "profiles", "工单导出_DLR001_20261027.xlsx"))


def dealers_openpyxl():
    """dealers: shared strings, a rich-text name, dealer codes with leading zeros as text,
    dates as built-in (14) and custom Chinese formats, an error cell, a sparse row, a blank
    row, and a trailing column the feed does not know."""
    wb = fixed(Workbook())
    ws = wb.active
    ws.title = "Dealers"
    ws.append(["dealer_code", "name", "region", "sub_region", "province", "city", "brand", "opened_on", "status", "备注"])
    ws.append(["001001", CellRichText([TextBlock(InlineFont(b=True), "星辰"), "汽车 浦东店"]), "华东", "上海", "上海",
               "上海", "Aurora", dt.date(2015, 3, 18), "active", "rich text name"])
    ws.append(["001002", "南方之星 广州店", "华南", "广东", "广东", "=NA()", "Aurora", dt.date(2016, 7, 1), "active", None])
    ws["F3"].value = "#N/A"
    ws["F3"].data_type = "e"
    ws.append([])
    ws.append(["001003", "北辰 北京店", "华北", None, None, None, "Aurora", dt.date(2018, 1, 9), None, None])
    ws.append(["001004", "Closed & Co. <test>", "东北", "辽宁", "辽宁", "沈阳", "Aurora", dt.date(2012, 12, 31), "closed", None])
    ws["H2"].number_format = "yyyy-mm-dd"
    ws["H3"].number_format = 'yyyy"年"m"月"d"日"'
    ws["H5"].number_format = "mm-dd-yy"
    ws["H6"].number_format = "[$-804]yyyy/m/d"
    wb.save(os.path.join(HERE, "dealers_openpyxl.xlsx"))


def repair_orders_1904():
    """repair_orders in the 1904 date system: date-times, booleans, numbers."""
    wb = fixed(Workbook())
    wb.epoch = CALENDAR_MAC_1904
    ws = wb.active
    ws.title = "ROs"
    ws.append(["dealer_code", "ro_no", "vin", "opened_at", "completed_at", "mileage_km", "ro_type", "status", "comeback_flag"])
    ws.append(["001001", "R1904-1", "LSVAM4183RN100000", dt.datetime(2026, 10, 1, 8, 30), dt.datetime(2026, 10, 1, 16, 45, 30),
               10500, "repair", "completed", False])
    ws.append(["001001", "R1904-2", "LSVAM4183RN100001", dt.datetime(2026, 10, 2, 9, 0), None, 20000.0, "maintenance", "open", True])
    for row in ws.iter_rows(min_row=2, min_col=4, max_col=5):
        for cell in row:
            cell.number_format = "yyyy-mm-dd hh:mm:ss"
    wb.save(os.path.join(HERE, "repair_orders_1904.xlsx"))


def ro_parts_libreoffice():
    """ro_parts with formula cells: written by openpyxl without values, then saved by
    LibreOffice, which computes and stores every formula's cached value."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        raise SystemExit("soffice (Debian libreoffice-calc-nogui) is needed for the LibreOffice sample")
    wb = fixed(Workbook())
    ws = wb.active
    ws.title = "Parts"
    ws.append(["dealer_code", "ro_no", "line_no", "part_no", "qty", "unit_price", "unit_cost", "pay_type", "filled_from_stock"])
    ws.append(["001001", "RO-LO-1", 1, "P-0001", 2, 120.5, "=ROUND(F2*0.7,2)", "customer", True])
    ws.append(["001001", "RO-LO-1", 2, "P-0002", 1.25, "=10/3", 1.1, "warranty", False])
    ws.append(["001001", "RO-LO-2", 1, "P-0003", -1, 99.99, "=F4/2", None, "=1=1"])
    with tempfile.TemporaryDirectory() as work:
        source = os.path.join(work, "ro_parts_libreoffice.xlsx")
        wb.save(source)
        out = os.path.join(work, "out")
        subprocess.run([soffice, "--headless", "--calc", "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", out, source],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        shutil.copy(os.path.join(out, "ro_parts_libreoffice.xlsx"), os.path.join(HERE, "ro_parts_libreoffice.xlsx"))


if __name__ == "__main__":
    yonyou_repair_orders()
    dealers_openpyxl()
    repair_orders_1904()
    ro_parts_libreoffice()
