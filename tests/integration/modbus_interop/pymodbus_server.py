"""A pymodbus 3.x slave for the interop tests: an independent Modbus implementation that
our master must agree with.

    /usr/bin/python3 pymodbus_server.py SPEC READY STATE FRAMING

SPEC    JSON {"holding": [...], "input": [...], "discrete": [...], "coils": [...]}:
        the datastore, protocol address = list index (zero_mode), any unit id answered.
READY   written once serving: {"port": N} for TCP, {"device": "/dev/pts/N"} for the pty.
STATE   rewritten after every write a master makes, with the whole datastore, so the test
        sees what landed in pymodbus without asking it over Modbus (that would let our
        master check itself).
FRAMING mbap (Modbus TCP), rtu_tcp (RTU frames over TCP), rtu_pty (RTU on a pty pair).
Binds 127.0.0.1 only, on an ephemeral port.
"""
import asyncio
import json
import os
import sys
import threading
import tty

from pymodbus.datastore import (ModbusSequentialDataBlock, ModbusServerContext,
                                ModbusSlaveContext)
from pymodbus.framer.rtu_framer import ModbusRtuFramer
from pymodbus.framer.socket_framer import ModbusSocketFramer
from pymodbus.server.async_io import ModbusSerialServer, ModbusTcpServer

SPEC, READY, STATE, FRAMING = sys.argv[1:5]
blocks = {}


def write_atomically(path, document):
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as out:
        json.dump(document, out)
    os.replace(tmp, path)


def dump_state():
    write_atomically(STATE, {name: [int(v) for v in block.values]
                             for name, block in blocks.items()})


class RecordingBlock(ModbusSequentialDataBlock):
    def setValues(self, address, values):  # noqa: N802 (pymodbus' name)
        super().setValues(address, values)
        dump_state()


def relay(a, b):
    # Copies bytes one way between the two pty masters: a null-modem cable.
    while True:
        try:
            data = os.read(a, 512)
        except OSError:
            return
        if not data:
            return
        os.write(b, data)


def pty_pair():
    """Two ptys joined by a relay: pymodbus opens one slave side, our master the other."""
    m1, s1 = os.openpty()
    m2, s2 = os.openpty()
    for fd in (m1, s1, m2, s2):
        tty.setraw(fd)
    threading.Thread(target=relay, args=(m1, m2), daemon=True).start()
    threading.Thread(target=relay, args=(m2, m1), daemon=True).start()
    return os.ttyname(s1), os.ttyname(s2), (s1, s2)


async def main():
    with open(SPEC, encoding="utf-8") as f:
        spec = json.load(f)
    for name in ("holding", "input", "discrete", "coils"):
        blocks[name] = RecordingBlock(0, list(spec.get(name, [0])))
    store = ModbusSlaveContext(di=blocks["discrete"], co=blocks["coils"],
                               hr=blocks["holding"], ir=blocks["input"], zero_mode=True)
    context = ModbusServerContext(slaves=store, single=True)
    dump_state()

    if FRAMING == "rtu_pty":
        server_side, master_side, keep_open = pty_pair()
        server = ModbusSerialServer(context, framer=ModbusRtuFramer, port=server_side,
                                    baudrate=19200, timeout=0.05)
        await server.start()  # opens the port; serve_forever() alone only idles
        task = asyncio.ensure_future(server.serve_forever())
        write_atomically(READY, {"device": master_side})
        await task
        del keep_open
        return

    framer = ModbusRtuFramer if FRAMING == "rtu_tcp" else ModbusSocketFramer
    server = ModbusTcpServer(context, framer=framer, address=("127.0.0.1", 0))
    task = asyncio.ensure_future(server.serve_forever())
    await server.serving
    port = server.server.sockets[0].getsockname()[1]
    write_atomically(READY, {"port": port})
    await task


asyncio.run(main())
