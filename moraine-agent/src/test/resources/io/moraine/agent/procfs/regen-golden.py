#!/usr/bin/env python3
"""Regenerates the expected <collector>.prom files next to this script from the real node_exporter.

For each collector it runs node_exporter 1.5.0 (Debian's /usr/bin/prometheus-node-exporter) with
only that collector on the fixture tree host/ (--path.procfs/sysfs/rootfs), keeps the node_*
families other than node_scrape_collector_*, and writes them as Recorded.text() renders them:
families sorted by name, sample lines sorted, values formatted as core's TextWriter does.

Exceptions, stated in each file's header:
- uname: node_exporter calls uname(2), so the fixture's proc/sys/kernel files are first copied
  from this machine's /proc (the golden values then come from the same kernel).
- time: run with TZ=Europe/Berlin; node_time_seconds is the wall clock, so its value is replaced
  by the fixed instant the test's clock returns (TIME_FIXED below).
Run: python3 regen-golden.py   (from any directory)
"""
import decimal, os, re, shutil, socket, subprocess, sys, time, urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
TREE = os.path.join(HERE, "host")
TIME_FIXED = "1700000000.123456789"
COLLECTORS = ["cpu", "loadavg", "meminfo", "stat", "time", "uname", "os", "pressure", "vmstat",
              "filefd", "entropy", "netstat", "sockstat", "conntrack", "softnet"]


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def scrape(collector, env):
    port = free_port()
    args = ["/usr/bin/prometheus-node-exporter", "--collector.disable-defaults",
            "--collector." + collector, "--web.listen-address=127.0.0.1:%d" % port,
            "--path.procfs=" + TREE + "/proc", "--path.sysfs=" + TREE + "/sys",
            "--path.rootfs=" + TREE + "/root"]
    proc = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            try:
                return urllib.request.urlopen("http://127.0.0.1:%d/metrics" % port).read().decode()
            except OSError:
                time.sleep(0.1)
        raise SystemExit("node_exporter did not answer for " + collector)
    finally:
        proc.terminate()
        proc.wait()


def go_value(text):
    """A Go-formatted sample value rendered as core's TextWriter.formatValue does."""
    if text in ("NaN", "+Inf", "-Inf"):
        return text
    v = float(text)
    if v == int(v) and abs(v) < 1e15:
        return str(int(v))
    d = decimal.Decimal(repr(v))
    exp = d.adjusted()
    if -4 <= exp < 21:
        return format(d, "f")
    mant, e = format(abs(d), "e").split("e")
    return ("-" if v < 0 else "") + mant.rstrip("0").rstrip(".") + "e%+03d" % int(e)


def render(exposition, collector):
    families = {}
    order = []
    for line in exposition.splitlines():
        if line.startswith("# HELP ") or line.startswith("# TYPE "):
            name = line.split(" ")[2]
            if name not in families:
                families[name] = {"help": None, "type": None, "samples": []}
            families[name]["help" if line.startswith("# HELP") else "type"] = line
            continue
        m = re.match(r"^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{.*\})? (\S+)$", line)
        if not m:
            continue
        name = m.group(1)
        if name not in families:
            continue  # a summary's _sum/_count of the exporter's own go_* metrics
        value = m.group(3)
        if collector == "time" and name == "node_time_seconds":
            value = TIME_FIXED
        families[name]["samples"].append(name + (m.group(2) or "") + " " + go_value(value))
    out = []
    for name in sorted(families):
        if not name.startswith("node_") or name.startswith(("node_scrape_collector_", "node_exporter_")):
            continue
        f = families[name]
        if not f["samples"]:
            continue
        out += [f["help"], f["type"]] + sorted(f["samples"])
    return "\n".join(out) + "\n"


def main():
    kernel = os.path.join(TREE, "proc/sys/kernel")
    for f in ["ostype", "osrelease", "version", "hostname", "domainname"]:
        shutil.copyfile("/proc/sys/kernel/" + f, os.path.join(kernel, f))
    version = subprocess.run(["/usr/bin/prometheus-node-exporter", "--version"],
                             capture_output=True, text=True)
    first = (version.stdout + version.stderr).splitlines()[0]
    for c in COLLECTORS:
        env = dict(os.environ)
        env["TZ"] = "Europe/Berlin"
        header = ["# Produced by regen-golden.py: " + first + ", --collector.disable-defaults"
                  " --collector." + c + " on the fixture tree host/, node_* families only."]
        if c == "time":
            header.append("# TZ=Europe/Berlin; node_time_seconds replaced by the test clock's"
                          " instant " + TIME_FIXED + ".")
        if c == "uname":
            header.append("# uname(2) of the machine whose /proc/sys/kernel the fixture copies.")
        with open(os.path.join(HERE, c + ".prom"), "w") as out:
            out.write("\n".join(header) + "\n" + render(scrape(c, env), c))
        print("wrote", c + ".prom")


if __name__ == "__main__":
    sys.exit(main())
