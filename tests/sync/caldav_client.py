#!/usr/bin/python3
"""caldav_client.py: a third CalDAV client (python3-caldav, as a phone or
Thunderbird would be) for the sync tests: what itin wrote, read by another
program, and an edit made by it.

    caldav_client.py COLLECTION_URL USER PASSWORD list
        one line per event: "UID<TAB>SUMMARY"
    caldav_client.py COLLECTION_URL USER PASSWORD get UID
        the event's iCalendar text
    caldav_client.py COLLECTION_URL USER PASSWORD set UID PROPERTY VALUE
        the event's PROPERTY (SUMMARY, LOCATION...) set to VALUE, saved
        with the etag it was read with

USER and PASSWORD may be empty (a server without authentication).
Exit 0, or 1 with the reason on stderr (2: python3-caldav is missing).
"""
import re
import sys

try:
    import caldav
except ImportError:
    sys.stderr.write("caldav_client.py: python3-caldav is not installed\n")
    sys.exit(2)


def unfold(text):
    return re.sub(r"\r?\n[ \t]", "", text)


def prop(text, name):
    m = re.search(r"^%s(;[^:\r\n]*)?:(.*?)\r?$" % re.escape(name),
                  unfold(text), re.M)
    return m.group(2) if m else ""


def main():
    if len(sys.argv) < 5:
        sys.stderr.write(__doc__)
        return 1
    url, user, password, cmd = sys.argv[1:5]
    args = sys.argv[5:]
    client = caldav.DAVClient(url, username=user or None,
                              password=password or None)
    cal = caldav.Calendar(client=client, url=url)
    if cmd == "list":
        for ev in cal.events():
            print("%s\t%s" % (prop(ev.data, "UID"), prop(ev.data, "SUMMARY")))
    elif cmd == "get" and len(args) == 1:
        sys.stdout.write(cal.event_by_uid(args[0]).data)
    elif cmd == "set" and len(args) == 3:
        ev = cal.event_by_uid(args[0])
        data = unfold(ev.data)
        name, value = args[1].upper(), args[2]
        line = "%s:%s" % (name, value)
        pat = re.compile(r"^%s(;[^:\r\n]*)?:.*?(\r?)$" % re.escape(name), re.M)
        if pat.search(data):
            data = pat.sub(lambda m: line + m.group(2), data, count=1)
        else:
            data = re.sub(r"^(END:VEVENT)", line + "\r\n" + r"\1", data,
                          count=1, flags=re.M)
        ev.data = data
        ev.save()
    else:
        sys.stderr.write(__doc__)
        return 1
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except Exception as e:  # the server's refusal, a missing event...
        sys.stderr.write("caldav_client.py: %s: %s\n" % (type(e).__name__, e))
        sys.exit(1)
