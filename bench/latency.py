#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# latency.py: kiroku beside less through a slow link.  A pty proxy stands between each
# program and a pretend terminal: every chunk each way is delayed by the one-way delay,
# the program's output optionally squeezed through a bandwidth limit, and the terminal
# answers the cursor position request (ESC [ 6 n) after the delay back, or never.
# Measures, medians of N runs: the first screen (from the start until the last byte of the
# first screen reaches the terminal), then j, Space and ] (from the key leaving the
# terminal until the last byte of the answer arrives), and the bytes each sent.
# A timing, not a test.  Usage (from the build directory):
#   bench/latency.py [--delays 0,50,150] [--bw BYTES_PER_S] [--no-answer] [--runs N]
#                    [--cols 80] [--rows 24] [FILE]
import argparse
import fcntl
import os
import pty
import select
import shutil
import signal
import statistics
import struct
import sys
import tempfile
import termios
import time

QUIET = 0.15		# seconds without output after which a screen counts as finished
KEY_TIMEOUT = 2.0	# seconds to wait for any answer to a key
MARKER = "国連総会の際の日露首脳会談".encode()


class Link:
    """The proxy: a program on a pty, the link to the pretend terminal, the clock."""

    def __init__(self, argv, env, delay, bw, answer, rows, cols):
        self.delay = delay / 1000.0
        self.bw = bw
        self.answer = answer
        self.to_term = []	# (time it arrives, bytes), in order
        self.to_prog = []
        self.link_free = 0.0	# when the bandwidth-limited link is free again
        self.got = bytearray()	# everything the terminal received
        self.got_at = []	# (time, total bytes) after each delivery
        self.start = time.monotonic()
        pid, fd = pty.fork()
        if pid == 0:
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
            os.execvpe(argv[0], argv, env)
        self.pid, self.fd = pid, fd
        self.eof = False

    def now(self):
        return time.monotonic() - self.start

    def send(self, data):
        """The terminal sends data (a key): it reaches the program after the delay."""
        self.to_prog.append((self.now() + self.delay, data))

    def _deliver(self, data, t):
        self.got += data
        self.got_at.append((t, len(self.got)))
        if self.answer and b"\033[6n" in data:
            # An ambiguous-narrow terminal: the probe's ○ leaves the cursor at column 2.
            self.to_prog.append((t + self.delay, b"\033[1;2R"))

    def step(self, until):
        """Move bytes both ways until the time until (seconds since start)."""
        while True:
            t = self.now()
            if t >= until:
                return
            nxt = until
            for q in (self.to_term, self.to_prog):
                if q:
                    nxt = min(nxt, q[0][0])
            r = []
            if not self.eof:
                r, _, _ = select.select([self.fd], [], [], max(0.0, nxt - t))
            else:
                time.sleep(max(0.0, nxt - t))
            t = self.now()
            if r:
                try:
                    data = os.read(self.fd, 65536)
                except OSError:
                    data = b""
                if not data:
                    self.eof = True
                else:
                    self._queue_out(data, t)
            while self.to_term and self.to_term[0][0] <= self.now():
                at, data = self.to_term.pop(0)
                self._deliver(data, at)
            while self.to_prog and self.to_prog[0][0] <= self.now():
                _, data = self.to_prog.pop(0)
                try:
                    os.write(self.fd, data)
                except OSError:
                    pass

    def _queue_out(self, data, t):
        arrive = t + self.delay
        if not self.bw:
            self.to_term.append((arrive, data))
            return
        # A link of bw bytes a second: chunks of 64 bytes leave one after the other.
        for i in range(0, len(data), 64):
            chunk = data[i:i + 64]
            start = max(t, self.link_free)
            self.link_free = start + len(chunk) / self.bw
            self.to_term.append((self.link_free + self.delay, chunk))

    def settle(self, since, need=None, timeout=10.0):
        """Wait until the terminal has received something after byte since (and need, if
        given, among it) and then nothing for QUIET; returns (time of the last byte, bytes)
        or (None, 0) when nothing came."""
        deadline = self.now() + timeout
        while self.now() < deadline:
            self.step(min(deadline, self.now() + 0.005))
            if len(self.got) <= since or (need and need not in self.got[since:]):
                continue
            last_t = self.got_at[-1][0]
            if not self.to_term and not self.to_prog and self.now() - last_t >= QUIET:
                return last_t, len(self.got) - since
        return None, 0

    def close(self):
        try:
            os.kill(self.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        self.step(self.now() + 0.05)
        os.waitpid(self.pid, 0)
        os.close(self.fd)


def run_once(argv, env, args, delay, answer):
    """One run of one program: first screen and three keys."""
    link = Link(argv, env, delay, args.bw, answer, args.rows, args.cols)
    res = {}
    t, n = link.settle(0, MARKER)
    res["first"] = (t * 1000 if t is not None else None, n)
    for name, key in (("j", b"j"), ("Space", b" "), ("]", b"]")):
        since = len(link.got)
        sent = link.now()
        link.send(key)
        t, n = link.settle(since, timeout=KEY_TIMEOUT)
        res[name] = ((t - sent) * 1000 if t is not None else None, n)
    link.close()
    return res


def median(runs, name):
    times = [r[name][0] for r in runs if r[name][0] is not None]
    nbytes = [r[name][1] for r in runs if r[name][0] is not None]
    if not times:
        return "-"
    return "%.0f ms %d B" % (statistics.median(times), statistics.median(nbytes))


def main():
    ap = argparse.ArgumentParser(description="kiroku beside less through a slow link")
    ap.add_argument("--delays", default="0,50,150")
    ap.add_argument("--bw", type=float, default=0, help="bytes a second, 0: no limit")
    ap.add_argument("--no-answer", action="store_true", help="never answer ESC [ 6 n")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--rows", type=int, default=24)
    ap.add_argument("--cols", type=int, default=80)
    ap.add_argument("--kiroku", default=os.environ.get("KIROKU", "src/kiroku"))
    ap.add_argument("--kiroku-args", default="", help="extra options, space separated")
    ap.add_argument("file", nargs="?")
    args = ap.parse_args()
    srcdir = os.environ.get("top_srcdir", os.path.dirname(os.path.dirname(
        os.path.abspath(__file__))))
    path = args.file or os.path.join(srcdir, "content", "000_f63a307d17307818.txt")
    less = shutil.which("less")
    state = tempfile.mkdtemp(prefix="kiroku-latency.")
    env = dict(os.environ, TERM="xterm-256color", LANG="C.UTF-8", LC_ALL="C.UTF-8",
               LESS="", LESSOPEN="", LESSHISTFILE="-", XDG_STATE_HOME=state,
               HOME=state)
    env.pop("KIROKU_SECURE", None)
    progs = [("kiroku", [args.kiroku] + args.kiroku_args.split() + [path])]
    if less:
        progs.append(("less", [less, path]))
    print("%dx%d, %s, terminal %s, bandwidth %s, medians of %d" % (
        args.cols, args.rows, os.path.basename(path),
        "never answers ESC[6n" if args.no_answer else "answers ESC[6n",
        "%g bytes/s" % args.bw if args.bw else "unlimited", args.runs))
    print("| one-way delay | program | first screen | j | Space | ] |")
    print("|---|---|---|---|---|---|")
    for d in [int(x) for x in args.delays.split(",")]:
        for name, argv in progs:
            runs = []
            for _ in range(args.runs):
                # A fresh state directory each run: every run starts at the top.
                shutil.rmtree(state, ignore_errors=True)
                os.makedirs(state)
                runs.append(run_once(argv, env, args, d, not args.no_answer))
            print("| %d ms | %s | %s | %s | %s | %s |" % (
                d, name, median(runs, "first"), median(runs, "j"),
                median(runs, "Space"), median(runs, "]")))
            sys.stdout.flush()
    shutil.rmtree(state, ignore_errors=True)


if __name__ == "__main__":
    main()
