#!/bin/sh
# The `certs` service of docker-compose.yml: a private CA and one certificate per KurrentDB node, made with the
# vendor's es-gencert-cli as the KurrentDB docs describe. Runs before the nodes start, at every `docker compose up`,
# and keeps what exists: a restart never rotates the CA under running nodes and clients.
#
#   /certs       the nodes' volume (read-only in the nodes):
#                  ca/ca.crt                       the trusted root, alone in KurrentDB's TrustedRootCertificatesPath
#                  ca-key/ca.key                   the CA's key, root's only: no node or client can read it
#                  node1..3/node.crt, node.key     owned by uid 1000, KurrentDB's user; keys 0400
#   /client-ca   the clients' volume: ca.crt only
set -eu

certs=/certs
nodes="node1 node2 node3"
# Every name a client or a node uses to reach a node must be in its certificate: its service name (gossip, replication,
# what the cluster advertises to clients), the network alias the three share (esdb+discover://kurrentdb:2113), and
# localhost (the health check inside the container, the Admin UI through the published port).
cluster_alias=kurrentdb

if [ ! -f "$certs/ca/ca.crt" ] || [ ! -f "$certs/ca-key/ca.key" ]; then
  # A new CA invalidates every node certificate signed by an earlier one.
  rm -rf "$certs/ca" "$certs/ca-key"
  for node in $nodes; do rm -rf "${certs:?}/$node"; done
  es-gencert-cli create-ca -out "$certs/ca"
  # create-ca reports some failures on stderr but exits 0 all the same.
  [ -f "$certs/ca/ca.crt" ] && [ -f "$certs/ca/ca.key" ] || { echo "generate-certificates: create-ca wrote no CA to $certs/ca" >&2; exit 1; }
  mkdir -p "$certs/ca-key"
  mv "$certs/ca/ca.key" "$certs/ca-key/ca.key"
fi

for node in $nodes; do
  if [ ! -f "$certs/$node/node.crt" ] || [ ! -f "$certs/$node/node.key" ]; then
    rm -rf "${certs:?}/$node"
    es-gencert-cli create-node -ca-certificate "$certs/ca/ca.crt" -ca-key "$certs/ca-key/ca.key" -out "$certs/$node" \
      -dns-names "$node,$cluster_alias,localhost" -ip-addresses 127.0.0.1
  fi
done

chown 0:0 "$certs/ca-key" "$certs/ca-key/ca.key"
chmod 0700 "$certs/ca-key"
chmod 0400 "$certs/ca-key/ca.key"
chown 1000:1000 "$certs/ca" "$certs/ca/ca.crt"
chmod 0755 "$certs" "$certs/ca"
chmod 0444 "$certs/ca/ca.crt"
for node in $nodes; do
  chown 1000:1000 "$certs/$node" "$certs/$node/node.crt" "$certs/$node/node.key"
  chmod 0755 "$certs/$node"
  chmod 0444 "$certs/$node/node.crt"
  chmod 0400 "$certs/$node/node.key"
done

# Replaced in one rename, so a client starting meanwhile never reads half a file.
cp "$certs/ca/ca.crt" /client-ca/.ca.crt.new
chmod 0444 /client-ca/.ca.crt.new
mv -f /client-ca/.ca.crt.new /client-ca/ca.crt

echo "generate-certificates: CA and certificates for $nodes in $certs; the CA certificate for clients in /client-ca/ca.crt"
