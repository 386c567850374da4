#!/usr/bin/env python3
"""A stand-in Terraform provider that serves one schemas/*.json document.

Terraform can only validate a configuration once it has each provider's schema,
and it gets schemas from provider plugins, which cannot be downloaded here. This
plugin speaks just enough of plugin protocol 5 (over gRPC) for `terraform
validate`: it answers GetSchema from the JSON document and accepts every
configuration it is asked to validate, so the errors terraform reports are the
ones terraform derives from the schema itself. That makes terraform an oracle
for configurations using openstack_*, rancher2_*, kubectl_* resources, and a
check that the schema files load in terraform at all.

Use through a CLI configuration with dev_overrides; `standin-cli-config` writes
one:   python3 schemas/tools/standin-provider.py --cli-config DIR > cli.tfrc
Then:  TF_CLI_CONFIG_FILE=cli.tfrc terraform validate

Needs the grpcio package and the openssl command. Protobuf messages are encoded
by hand (a few fields of the schema messages), so no generated code is needed.
Only for loopback use: it accepts any client once TLS is up.
"""
import base64
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SCHEMAS = os.path.dirname(HERE)

# --- protobuf wire encoding -------------------------------------------------


def varint(n):
    out = bytearray()
    n &= (1 << 64) - 1
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def field_varint(number, value):
    return varint(number << 3) + varint(int(value)) if value else b""


def field_bytes(number, data):
    if isinstance(data, str):
        data = data.encode()
    return varint((number << 3) | 2) + varint(len(data)) + data


def field_message(number, encoded):
    return varint((number << 3) | 2) + varint(len(encoded)) + encoded


# Field numbers of tfplugin5's Schema, Schema.Block, Schema.Attribute,
# Schema.NestedBlock and GetProviderSchema.Response.
STRING_KIND = {"plain": 0, "markdown": 1}
NESTING = {"single": 1, "list": 2, "set": 3, "map": 4, "group": 5}


def encode_attribute(name, a):
    if "nested_type" in a:
        raise SystemExit(f"standin-provider: {name}: nested_type needs protocol 6")
    out = field_bytes(1, name) + field_bytes(2, json.dumps(a["type"], separators=(",", ":")))
    if a.get("description"):
        out += field_bytes(3, a["description"])
    out += field_varint(4, a.get("required", False))
    out += field_varint(5, a.get("optional", False))
    out += field_varint(6, a.get("computed", False))
    out += field_varint(7, a.get("sensitive", False))
    out += field_varint(8, STRING_KIND[a.get("description_kind", "plain")])
    out += field_varint(9, a.get("deprecated", False))
    out += field_varint(10, a.get("write_only", False))
    return out


def encode_block(b):
    out = b""
    for name, a in sorted(b.get("attributes", {}).items()):
        out += field_message(2, encode_attribute(name, a))
    for name, nb in sorted(b.get("block_types", {}).items()):
        nested = field_bytes(1, name) + field_message(2, encode_block(nb["block"]))
        nested += field_varint(3, NESTING[nb["nesting_mode"]])
        nested += field_varint(4, nb.get("min_items", 0)) + field_varint(5, nb.get("max_items", 0))
        out += field_message(3, nested)
    if b.get("description"):
        out += field_bytes(4, b["description"])
    out += field_varint(5, STRING_KIND[b.get("description_kind", "plain")])
    out += field_varint(6, b.get("deprecated", False))
    return out


def encode_schema(s):
    return field_varint(1, s.get("version", 0)) + field_message(2, encode_block(s.get("block", {})))


def encode_schema_response(entry):
    out = field_message(1, encode_schema(entry.get("provider", {})))
    for number, key in ((2, "resource_schemas"), (3, "data_source_schemas"), (8, "ephemeral_resource_schemas")):
        for name, s in sorted(entry.get(key, {}).items()):
            out += field_message(number, field_bytes(1, name) + field_message(2, encode_schema(s)))
    return out


# --- plugin ------------------------------------------------------------------


def serve(schema_file):
    import grpc
    from concurrent import futures

    with open(schema_file, encoding="utf-8") as f:
        document = json.load(f)
    (entry,) = document["provider_schemas"].values()
    schema_response = encode_schema_response(entry)

    def unary(fn):
        return grpc.unary_unary_rpc_method_handler(fn, request_deserializer=None, response_serializer=None)

    handlers = {
        "GetSchema": unary(lambda req, ctx: schema_response),
        # Response field 1 (prepared_config) has the request's field 1 (config) type.
        "PrepareProviderConfig": unary(lambda req, ctx: req),
        # An empty message: no diagnostics.
        "ValidateResourceTypeConfig": unary(lambda req, ctx: b""),
        "ValidateDataSourceConfig": unary(lambda req, ctx: b""),
        "ValidateEphemeralResourceConfig": unary(lambda req, ctx: b""),
        "Stop": unary(lambda req, ctx: b""),
    }
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=4))
    server.add_generic_rpc_handlers((grpc.method_handlers_generic_handler("tfplugin5.Provider", handlers),))

    handshake = "1|5|tcp|127.0.0.1:{port}|grpc"
    if os.environ.get("PLUGIN_CLIENT_CERT"):
        # go-plugin's automatic TLS: the server presents a self-signed CA
        # certificate for "localhost" and puts it, base64 DER, in the handshake.
        # The client's P-521 certificate is not requested (BoringSSL in grpcio
        # does not accept P-521 client certificates).
        d = tempfile.mkdtemp()
        subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
             "-days", "1", "-subj", "/CN=localhost", "-keyout", d + "/key.pem", "-out", d + "/cert.pem",
             "-addext", "subjectAltName=DNS:localhost", "-addext", "basicConstraints=critical,CA:TRUE",
             "-addext", "keyUsage=digitalSignature,keyEncipherment,keyCertSign",
             "-addext", "extendedKeyUsage=serverAuth,clientAuth"],
            check=True, capture_output=True)
        with open(d + "/key.pem", "rb") as f:
            key = f.read()
        with open(d + "/cert.pem", "rb") as f:
            cert = f.read()
        der = subprocess.run(["openssl", "x509", "-outform", "DER", "-in", d + "/cert.pem"],
                             check=True, capture_output=True).stdout
        port = server.add_secure_port("127.0.0.1:0", grpc.ssl_server_credentials([(key, cert)]))
        handshake += "|" + base64.b64encode(der).decode().rstrip("=")
    else:
        port = server.add_insecure_port("127.0.0.1:0")
    server.start()
    print(handshake.format(port=port), flush=True)
    server.wait_for_termination()


def write_cli_config(directory):
    """Creates one terraform-provider-<type> launcher per schema file in
    `directory` and prints a CLI configuration that points terraform at them."""
    os.makedirs(directory, exist_ok=True)
    overrides = []
    for name in sorted(os.listdir(SCHEMAS)):
        if not name.endswith(".json"):
            continue
        path = os.path.join(SCHEMAS, name)
        with open(path, encoding="utf-8") as f:
            (address,) = json.load(f)["provider_schemas"]
        host, namespace, ptype = address.split("/")
        if host == "terraform.io" and namespace == "builtin":
            continue
        launcher = os.path.join(directory, "terraform-provider-" + ptype)
        with open(launcher, "w", encoding="utf-8") as f:
            f.write(f"#!/bin/sh\nexec '{sys.executable}' '{os.path.abspath(__file__)}' --serve '{path}'\n")
        os.chmod(launcher, 0o755)
        overrides.append(f'    "{address}" = "{directory}"')
    print("provider_installation {\n  dev_overrides {\n" + "\n".join(overrides) + "\n  }\n  direct {}\n}")


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--serve":
        serve(sys.argv[2])
    elif len(sys.argv) == 3 and sys.argv[1] == "--cli-config":
        write_cli_config(os.path.abspath(sys.argv[2]))
    else:
        sys.exit(__doc__)
