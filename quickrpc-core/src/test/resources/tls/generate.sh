#!/bin/sh
# Writes the certificates the TLS tests use: a test authority, a server and a client it signs,
# and a rogue authority with a server of its own. Run it again to replace them all.
set -e
cd "$(dirname "$0")"
key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1.key"; }
authority() {
	key "$1"
	openssl req -x509 -new -key "$1.key" -subj "/CN=$2" -days 36500 -out "$1.pem" \
		-addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign
}
signed() {
	key "$1"
	openssl req -new -key "$1.key" -subj "/CN=$2" -out "$1.csr"
	printf 'subjectAltName=%s\nextendedKeyUsage=serverAuth,clientAuth\n' "$4" > "$1.ext"
	openssl x509 -req -in "$1.csr" -CA "$3.pem" -CAkey "$3.key" -CAcreateserial -days 36500 \
		-extfile "$1.ext" -out "$1.pem"
	rm "$1.csr" "$1.ext"
}
authority ca "quickrpc test authority"
signed server "quickrpc test server" ca "IP:127.0.0.1,DNS:localhost"
signed client "alice" ca "DNS:alice"
authority rogue-ca "rogue authority"
signed rogue-server "quickrpc test server" rogue-ca "IP:127.0.0.1,DNS:localhost"
openssl pkcs12 -export -in server.pem -inkey server.key -name server -passout pass:changeit -out server.p12
keytool -importcert -noprompt -alias ca -file ca.pem -keystore ca.p12 -storetype PKCS12 -storepass changeit
rm -f ./*.srl
