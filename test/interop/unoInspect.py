"""
Opens a workbook in LibreOffice Calc (headless, driven over UNO) and reports what Calc made of it, as JSON on stdout.

The job (JSON on stdin):
  file      the workbook to open
  soffice   the soffice binary (default /usr/bin/soffice)
  sheets    {name: {"cells": [A1 …], "merges": [A1:B2 …]}}: every sheet named is reported: its used area's values and
            formulas after a full recalculation, protection, the first rows' visibility, its page style, print title
            rows, charts; the cells listed with their lock and data-validation rule; the merged areas listed, merged?
  type      [{sheet, cell, text}]: typed into each cell, in order, before the recalculation, as Calc reads text typed
            into its input line in the office's locale ("1,150", "12%", text; see enter) but without the input-time
            validity check (which UNO never runs); what each cell then holds is reported (typed)
  validity  [{sheet, cell, value}]: each value put into its cell (as setValue/setString do: bypassing validation, as
            UNO always does) — or, given {sheet, cell, text}, typed as `type` does — and LibreOffice's own check of it
            asked for — Tools ▸ Detective ▸ Mark Invalid Data (XSheetAuditing.showInvalid), which circles every cell
            whose value breaks its rule; the cell (and its number format, which a typed "12%" may change) is restored
  recalculate  false: no doc.calculateAll() after loading (what LibreOffice itself recalculates on load is seen)
  saveAs    when given, the recalculated workbook is saved there as .xlsx (Calc MS Excel 2007 XML), before any
            validity check

Several workbooks in one office: {"jobs": [job, …], "locale": …} on stdin gives {"reports": [report, …]}.
locale (top level): the office's locale (ooSetupSystemLocale, e.g. "zh-CN"), which Calc's input parsing follows: with
de-DE "1,150" is 1.15. Default: what soffice makes of the environment.

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


CELL_KINDS = {"EMPTY": "empty", "VALUE": "value", "TEXT": "text", "FORMULA": "formula"}


def enter(doc, sheet_name, address, text):
    """
    Types `text` into a cell as a person does, in the office's locale: the cell's FormulaLocal set, which Calc
    interprets as typed in its input line (ScDocFunc::SetCellText, "interpret locally": number recognition in the
    cell's number format and the locale, "12%" a percentage, text kept as text in a text-formatted cell, "=…" a
    formula) — but without the input line's validity check, which UNO never runs.

    Not the dispatcher's .uno:EnterString on the selected cell, which enters text the same way: in LibreOffice 7.4
    headless it makes soffice abort on its next timer (signal 6 in SvpSalInstance::CheckTimeout), even in a new
    blank document.
    """
    cell = doc.getSheets().getByName(sheet_name).getCellRangeByName(address)
    cell.FormulaLocal = text
    kind = CELL_KINDS.get(cell.getType().value, "?")
    return {
        "sheet": sheet_name,
        "cell": address,
        "text": text,
        "kind": kind,
        "value": cell.getValue() if kind == "value" else cell.getString(),
        "shown": cell.getString(),
    }


def invalid(doc, check):
    sheet = doc.getSheets().getByName(check["sheet"])
    cell = sheet.getCellRangeByName(check["cell"])
    before = cell.getFormula()
    number_format = cell.NumberFormat
    if "text" in check:
        enter(doc, check["sheet"], check["cell"], check["text"])
        value = check["text"]
    else:
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
    cell.NumberFormat = number_format
    return {"sheet": check["sheet"], "cell": check["cell"], "value": value, "invalid": found > 0}


def run(desktop, job):
    url = uno.systemPathToFileUrl(os.path.abspath(job["file"]))
    doc = desktop.loadComponentFromURL(url, "_blank", 0, (prop("Hidden", True),))
    if doc is None:
        raise RuntimeError("LibreOffice did not open " + job["file"] + " (a stale .~lock file beside it?)")
    try:
        typed = [enter(doc, t["sheet"], t["cell"], t["text"]) for t in job.get("type", [])]
        if job.get("recalculate", True):
            doc.calculateAll()
        out = {"sheets": [inspect(doc, name, q) for name, q in job.get("sheets", {}).items()], "typed": typed}
        if job.get("saveAs"):
            target = uno.systemPathToFileUrl(os.path.abspath(job["saveAs"]))
            doc.storeToURL(target, (prop("FilterName", "Calc MS Excel 2007 XML"),))
        baseline = {name: circles(doc.getSheets().getByName(name)) for name in job.get("sheets", {})}
        out["validity"] = [invalid(doc, check) for check in job.get("validity", [])]
        out["circlesBefore"] = baseline
        return out
    finally:
        doc.close(True)


def write_profile(profile, locale):
    """A private profile whose office locale is `locale` (the setting Tools ▸ Options ▸ Language Settings holds)."""
    user = os.path.join(profile, "user")
    os.makedirs(user, exist_ok=True)
    with open(os.path.join(user, "registrymodifications.xcu"), "w", encoding="utf-8") as f:
        f.write(
            '<?xml version="1.0" encoding="UTF-8"?>\n<oor:items xmlns:oor="http://openoffice.org/2001/registry" '
            'xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            '<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse">'
            "<value>%s</value></prop></item></oor:items>\n" % locale
        )


def main():
    job = json.load(sys.stdin)
    profile = tempfile.mkdtemp(prefix="kpi-uno-")
    if job.get("locale"):
        write_profile(profile, job["locale"])
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
        if "jobs" in job:
            json.dump({"reports": [run(desktop, j) for j in job["jobs"]]}, sys.stdout)
        else:
            json.dump(run(desktop, job), sys.stdout)
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
