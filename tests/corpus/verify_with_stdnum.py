#!/usr/bin/env python3
"""Checks the verdicts of tests/corpus/personal-numbers.jsonl with an independent implementation:
python-stdnum (stdnum.cn.ric: GB 11643 check digit, birth date and birth place by GB/T 2260;
stdnum.luhn). Run it after the generator in tests/personal_numbers.rs writes the corpus again:

    pip install python-stdnum
    python3 tests/corpus/verify_with_stdnum.py

It prints how many cases of each kind and decoy form it checked, and exits 1 naming the first
case whose verdict stdnum does not share.
"""

import json
import re
import sys
import unicodedata
from collections import Counter

from stdnum import luhn
from stdnum.cn import ric

LABELS = ("订单号", "流水号", "合同编号", "项目编号", "编号", "单号")


def written(case):
    """The number as written at its span, NFKC, without separators and country code."""
    start, end = case["span"]
    text = unicodedata.normalize("NFKC", case["text"][start:end])
    text = re.sub(r"[\s\-.()]", "", text)
    if text.startswith("+86"):
        text = text[3:]
    elif case["kind"] == "mobile" and len(text) == 13 and text.startswith("86"):
        text = text[2:]
    return text.upper()


def id_shaped(n):
    """18 digits with a birth date (1900–2099) and birth place stdnum accepts, the check digit aside."""
    try:
        born = ric.get_birth_date(n)
        ric.get_birth_place(n)
        return len(n) == 18 and 1900 <= born.year < 2100
    except Exception:
        return False


def valid_id(n):
    """stdnum's verdict (some region codes make it raise KeyError: not a valid number then)."""
    try:
        return ric.is_valid(n)
    except KeyError:
        return False


def fail(case, why):
    print(f"stdnum disagrees ({why}): {json.dumps(case, ensure_ascii=False)}")
    sys.exit(1)


def main():
    seen = Counter()
    with open("tests/corpus/personal-numbers.jsonl", encoding="utf-8") as f:
        for line in f:
            case = json.loads(line)
            kind, n = case["kind"], case["number"]
            if kind != "decoy" and written(case) != n.upper():
                fail(case, f"the span holds {written(case)}")
            if kind == "id18":
                if not valid_id(n):
                    fail(case, "not a valid ID number")
            elif kind == "probable_id":
                fixed = n[:17] + ric.calc_check_digit(n[:17] + "0")
                if valid_id(n) or not valid_id(fixed):
                    fail(case, "not an ID number with only its check digit wrong")
            elif kind == "id15":
                as18 = n[:6] + "19" + n[6:]
                as18 += ric.calc_check_digit(as18 + "0")
                if len(n) != 15 or not valid_id(as18):
                    fail(case, "not a first-generation ID number (region, birth date)")
            elif kind == "mobile":
                if not re.fullmatch(r"1[3-9]\d{9}", n):
                    fail(case, "not a mainland mobile number")
            elif kind == "bank_card":
                if not (16 <= len(n) <= 19 and luhn.is_valid(n)) or id_shaped(n):
                    fail(case, "not a card number passing Luhn, or shaped like an ID")
            else:
                form = case["form"]
                if form.startswith("labelled_") and not any(case["text"].startswith(l) for l in LABELS):
                    fail(case, "no code label")
                if form == "labelled_luhn" and not luhn.is_valid(n):
                    fail(case, "the trap must pass Luhn")
                if form == "labelled_probable_id" and (valid_id(n) or not id_shaped(n)):
                    fail(case, "the trap must be a probable ID")
                if form == "luhn_fails" and luhn.is_valid(n):
                    fail(case, "passes Luhn")
                if form in ("no_such_region", "no_such_birth_date") and (id_shaped(n) or luhn.is_valid(n)):
                    fail(case, "an ID shape or a Luhn pass")
                if form == "15_digits_no_such_date":
                    as18 = n[:6] + "19" + n[6:] + "0"
                    if id_shaped(as18):
                        fail(case, "a valid birth date")
                # No decoy holds a valid ID number standing alone.
                for run in re.findall(r"\d+X?", unicodedata.normalize("NFKC", case["text"])):
                    if len(run) == 18 and valid_id(run):
                        fail(case, "a valid ID number")
            seen[kind if kind != "decoy" else "decoy/" + case["form"]] += 1
    for k, v in sorted(seen.items()):
        print(f"{k:<32} {v:>5} checked")
    print(f"all {sum(seen.values())} verdicts agree with python-stdnum")


if __name__ == "__main__":
    main()
