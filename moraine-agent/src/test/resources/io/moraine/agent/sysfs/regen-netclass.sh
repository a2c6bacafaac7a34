#!/bin/sh
# Regenerates netclass.prom: node_exporter 1.5.0 with only netclass on the fixture tree netclass/
# (sysfs class/net copied from a Debian 12 container, then edited: eth0 address, speed 10000,
# duplex full, ifalias; ifb0 flags in hex and speed -1). Keeps the node_network_* families.
# Run from this directory: sh regen-netclass.sh
set -e
port=19778
/usr/bin/prometheus-node-exporter --collector.disable-defaults --collector.netclass \
  --path.sysfs="$PWD/netclass/sys" --web.listen-address=127.0.0.1:$port >/dev/null 2>&1 &
pid=$!
sleep 1.5
{ echo "# Produced by regen-netclass.sh: node_exporter 1.5.0 --collector.disable-defaults --collector.netclass on netclass/."
  curl -s 127.0.0.1:$port/metrics | grep -E '^(# (HELP|TYPE) )?node_network_'; } > netclass.prom
kill $pid
