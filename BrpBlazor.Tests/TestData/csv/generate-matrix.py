#!/usr/bin/env python3
"""Generates the parser-matrix files once; they are committed and the tests read only the files.

Every file holds the same people, so one expectation checks them all:
encoding (Windows-1252, UTF-8, UTF-8 with BOM, UTF-16 LE with BOM) x separator (comma, semicolon, tab)
x header / no header. Files with a header use CRLF, files without LF. Plus: UTF-16 BE with BOM, mixed
line endings, and Excel's "sep=;" hint line.
Run from this folder: python3 generate-matrix.py
"""
import os

def luhn(nine):
    total = 0
    for i, ch in enumerate(nine):
        d = int(ch) * (2 if i % 2 == 0 else 1)
        total += d - 9 if d > 9 else d
    return str((10 - total % 10) % 10)

def pnr(yymmdd, serial):
    nine = yymmdd + serial
    return nine + luhn(nine)

ASA = pnr("850314", "234")          # Åsa Öberg, 10 digits
KARL = pnr("660119", "730")         # Karl Jönsson
PER = pnr("791102", "117")          # Per Berg
OLLE = pnr("721063", "519")         # samordningsnummer (day 03 + 60)
LISA = pnr("030430", "128")         # Lisa Hägg, born 2003
MARTA = pnr("840517", "402")        # Märta Nyström

def lines(sep):
    q = lambda s: '"' + s.replace('"', '""') + '"'
    karl = q("Jönsson" + sep + ' Karl "Kalle"')
    return [
        f"Åsa Öberg{sep}19{ASA[:6]}-{ASA[6:]}{sep}asa.oberg@foretaget.se",
        f"{karl}{sep}19{KARL}{sep}karl.jonsson@foretaget.se",
        f"   Per Berg   {sep}  {PER[:6]}-{PER[6:]}  {sep}  per.berg@foretaget.se  ",
        "",
        f"Sara Ekdahl{sep}1995-08-21{sep}sara.ekdahl@foretaget.se",
        f"Olle Åkesson{sep}19{OLLE}{sep}olle.akesson@foretaget.se",
        "",
        f"Lisa Hägg{sep}20{LISA}{sep}",
        f"{q('Märta Nyström')}{sep}{q(MARTA[:6] + '-' + MARTA[6:])}{sep}{q('marta.nystrom@foretaget.se')}",
        "",
    ]

HEADER = "Namn{0}Personnummer{0}E-postadress"
SEPARATORS = {"comma": ",", "semicolon": ";", "tab": "\t"}
ENCODINGS = {
    "cp1252": lambda t: t.encode("cp1252"),
    "utf8": lambda t: t.encode("utf-8"),
    "utf8bom": lambda t: b"\xef\xbb\xbf" + t.encode("utf-8"),
    "utf16le": lambda t: b"\xff\xfe" + t.encode("utf-16-le"),
}

os.makedirs("matrix", exist_ok=True)
for enc, encode in ENCODINGS.items():
    for sep_name, sep in SEPARATORS.items():
        for header in (True, False):
            newline = "\r\n" if header else "\n"
            body = ([HEADER.format(sep)] if header else []) + lines(sep)
            name = f"matrix/{enc}-{sep_name}-{'header' if header else 'noheader'}.csv"
            with open(name, "wb") as f:
                f.write(encode(newline.join(body)))

with open("matrix/utf16be-semicolon-header.csv", "wb") as f:
    f.write(b"\xfe\xff" + "\r\n".join([HEADER.format(";")] + lines(";")).encode("utf-16-be"))

mixed = lines(",")
with open("matrix/utf8-comma-mixed-line-endings.csv", "wb") as f:
    f.write("".join(l + ("\r\n" if i % 2 else "\n") for i, l in enumerate(mixed)).encode("utf-8"))

with open("matrix/cp1252-excel-sep-hint.csv", "wb") as f:
    f.write("\r\n".join(["sep=;", HEADER.format(";")] + lines(";")).encode("cp1252"))

print("ASA", ASA, "KARL", KARL, "PER", PER, "OLLE", OLLE, "LISA", LISA, "MARTA", MARTA)

# The browser journey: the customer's Excel file with one line whose check digit is wrong.
with open("journey-one-bad-line.csv", "wb") as f:
    f.write("\r\n".join([
        "Namn;Personnummer;E-postadress",
        f"Jönsson, Karl;19{KARL[:6]}-{KARL[6:]};karl.jonsson@foretaget.se",
        f"Lisa Hägg;{LISA};",
        f"Åsa Öberg;{ASA[:6]}-{ASA[6:9]}{(int(ASA[9]) + 1) % 10};asa.oberg@foretaget.se",
        "Sara Ekdahl;1995-08-21;sara.ekdahl@foretaget.se",
        "",
    ]).encode("cp1252"))
