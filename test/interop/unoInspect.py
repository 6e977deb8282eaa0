"""
Opens a workbook in LibreOffice Calc (headless, driven over UNO) and reports what Calc made of it, as JSON on stdout.

The job (JSON on stdin):
  file      the workbook to open
  soffice   the soffice binary (default /usr/bin/soffice)
  sheets    {name: {"cells": [A1 …], "merges": [A1:B2 …]}}: every sheet named is reported: its used area's values and
            formulas after a full recalculation, protection, the first rows' visibility, its page style, print title
            rows, charts; the cells listed with their lock and data-validation rule; the merged areas listed, merged?
  validity  [{sheet, cell, value}]: each value put into its cell (as setValue/setString do: bypassing validation, as
            UNO always does) and LibreOffice's own check of it asked for — Tools ▸ Detective ▸ Mark Invalid Data
            (XSheetAuditing.showInvalid), which circles every cell whose value breaks its rule; the cell is restored
  recalculate  false: no doc.calculateAll() after loading (what LibreOffice itself recalculates on load is seen)
  saveAs    when given, the recalculated workbook is saved there as .xlsx (Calc MS Excel 2007 XML)

soffice is started here, on a private profile and pipe, and stopped here (this process's own child only).
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def connect(pipe, deadline):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    while True:
        try:
            return resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
        except NoConnectException:
            if time.time() > deadline:
                raise
            time.sleep(0.25)


def cell_value(sheet, column, row, data, formula):
    if formula.startswith("="):
        cell = sheet.getCellByPosition(column, row)
        if cell.getError() != 0:
            return {"error": cell.getString()}
    return data


def used_area(sheet):
    cursor = sheet.createCursor()
    cursor.gotoEndOfUsedArea(False)
    address = cursor.getRangeAddress()
    return address.EndColumn, address.EndRow


def validation_of(cell):
    v = cell.Validation
    return {
        "type": v.Type.value,
        "operator": v.getOperator().value,
        "formula1": v.getFormula1(),
        "formula2": v.getFormula2(),
        "ignoreBlank": v.IgnoreBlankCells,
        "showError": v.ShowErrorMessage,
        "errorStyle": v.ErrorAlertStyle.value,
        "errorTitle": v.ErrorTitle,
        "errorMessage": v.ErrorMessage,
        "showInput": v.ShowInputMessage,
        "inputTitle": v.InputTitle,
        "inputMessage": v.InputMessage,
    }


def inspect(doc, name, query):
    sheet = doc.getSheets().getByName(name)
    end_column, end_row = used_area(sheet)
    area = sheet.getCellRangeByPosition(0, 0, end_column, end_row)
    data = area.getDataArray()
    formulas = area.getFormulaArray()
    values = [
        [cell_value(sheet, c, r, data[r][c], formulas[r][c]) for c in range(end_column + 1)]
        for r in range(end_row + 1)
    ]
    page = doc.getStyleFamilies().getByName("PageStyles").getByName(sheet.PageStyle)
    titles = sheet.getTitleRows()
    rows = sheet.getRows()
    cells = {}
    for address in query.get("cells", []):
        cell = sheet.getCellRangeByName(address)
        cells[address] = {"locked": cell.CellProtection.IsLocked, "validation": validation_of(cell)}
    return {
        "name": name,
        "values": values,
        "formulas": [list(r) for r in formulas],
        "protected": sheet.isProtected(),
        "rowsVisible": [rows.getByIndex(i).IsVisible for i in range(min(6, end_row + 1))],
        "page": {
            "landscape": page.IsLandscape,
            "width": page.Width,
            "height": page.Height,
            "scaleToPagesX": page.ScaleToPagesX,
            "scaleToPagesY": page.ScaleToPagesY,
            "centerHorizontally": page.CenterHorizontally,
        },
        "printTitleRows": [titles.StartRow + 1, titles.EndRow + 1] if sheet.getPrintTitleRows() else None,
        "charts": list(sheet.getCharts().getElementNames()),
        "merges": {a: sheet.getCellRangeByName(a).getIsMerged() for a in query.get("merges", [])},
        "cells": cells,
    }


def circles(sheet):
    page = sheet.getDrawPage()
    return sum(1 for i in range(page.getCount()) if page.getByIndex(i).getShapeType().endswith("EllipseShape"))


def invalid(doc, check):
    sheet = doc.getSheets().getByName(check["sheet"])
    cell = sheet.getCellRangeByName(check["cell"])
    before = cell.getFormula()
    value = check["value"]
    if isinstance(value, str):
        cell.setString(value)
    else:
        cell.setValue(value)
    sheet.clearArrows()
    sheet.showInvalid()
    found = circles(sheet)
    sheet.clearArrows()
    cell.setFormula(before)
    return {"sheet": check["sheet"], "cell": check["cell"], "value": value, "invalid": found > 0}


def main():
    job = json.load(sys.stdin)
    profile = tempfile.mkdtemp(prefix="kpi-uno-")
    pipe = "kpi_uno_%d" % os.getpid()
    office = subprocess.Popen(
        [
            job.get("soffice", "/usr/bin/soffice"),
            "-env:UserInstallation=file://" + profile,
            "--headless",
            "--invisible",
            "--norestore",
            "--nologo",
            "--nodefault",
            "--accept=pipe,name=%s;urp;StarOffice.ComponentContext" % pipe,
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    desktop = None
    try:
        ctx = connect(pipe, time.time() + 60)
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        url = uno.systemPathToFileUrl(os.path.abspath(job["file"]))
        doc = desktop.loadComponentFromURL(url, "_blank", 0, (prop("Hidden", True),))
        if doc is None:
            raise RuntimeError("LibreOffice did not open " + job["file"])
        if job.get("recalculate", True):
            doc.calculateAll()
        out = {"sheets": [inspect(doc, name, q) for name, q in job.get("sheets", {}).items()]}
        baseline = {name: circles(doc.getSheets().getByName(name)) for name in job.get("sheets", {})}
        out["validity"] = [invalid(doc, check) for check in job.get("validity", [])]
        out["circlesBefore"] = baseline
        if job.get("saveAs"):
            target = uno.systemPathToFileUrl(os.path.abspath(job["saveAs"]))
            doc.storeToURL(target, (prop("FilterName", "Calc MS Excel 2007 XML"),))
        doc.close(True)
        json.dump(out, sys.stdout)
    finally:
        if desktop is not None:
            try:
                desktop.terminate()
            except Exception:  # the bridge goes down with the office: expected
                pass
        try:
            office.wait(timeout=20)
        except subprocess.TimeoutExpired:
            office.kill()
            office.wait()
        shutil.rmtree(profile, ignore_errors=True)


if __name__ == "__main__":
    main()
