package io.quickrpc.transport.network;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;

import org.jspecify.annotations.Nullable;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;

import io.quickrpc.transport.TransportException;

/**
 * TLS settings of the {@code tcp}, {@code tcpserv}, {@code wss} and {@code wsserv} transports: this
 * side's certificate and key, the certificates it trusts, and whether a server asks clients for a certificate. Key
 * material comes from PEM files, key stores (PKCS#12 or JKS), or ready key and trust manager
 * factories (as a Spring Boot SSL bundle provides).
 * <p>
 * A server needs a certificate and key. A client without trust settings trusts the JVM's
 * default certificate authorities, and checks that the server's certificate names the host it
 * connects to unless {@link Builder#verifyHostname(boolean) told otherwise}. The verified
 * certificate of the peer is handed to handlers as {@code SecurityInfo} entry {@code tls.peer}.
 * {@link #toString()} never shows passwords or keys.
 */
public final class TlsOptions {

	/** Whether a server asks its clients for a certificate. */
	public enum ClientAuthentication {

		/** Clients are not asked for a certificate. */
		NONE,

		/**
		 * Clients may present a certificate; a trusted one gives the peer a verified identity, an
		 * untrusted one is ignored.
		 */
		OPTIONAL,

		/** Clients must present a trusted certificate, or the connection is refused. */
		REQUIRED

	}

	private final @Nullable KeyMaterial key;

	private final @Nullable TrustMaterial trust;

	private final ClientAuthentication clientAuthentication;

	private final boolean verifyHostname;

	private final List<String> protocols;

	private final List<String> ciphers;

	private TlsOptions(Builder builder) {
		this.key = builder.key;
		this.trust = builder.trust;
		this.clientAuthentication = builder.clientAuthentication;
		this.verifyHostname = builder.verifyHostname;
		this.protocols = builder.protocols;
		this.ciphers = builder.ciphers;
	}

	/**
	 * Starts TLS settings.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Returns whether a server asks its clients for a certificate.
	 * @return the client authentication
	 */
	public ClientAuthentication clientAuthentication() {
		return this.clientAuthentication;
	}

	/**
	 * Returns whether a client checks that the server's certificate names the host it connects
	 * to.
	 * @return whether host names are verified
	 */
	public boolean verifyHostname() {
		return this.verifyHostname;
	}

	/** Builds the context of a server; fails with a clear message if there is no key. */
	SslContext serverContext(String transport) {
		if (this.key == null) {
			throw new TransportException("Cannot use TLS on " + transport + ": a server needs a certificate and its "
					+ "private key; set them with TlsOptions.builder().certificate(...) or keyStore(...)");
		}
		return build(transport, this.key.forServer().clientAuth(switch (this.clientAuthentication) {
			case NONE -> ClientAuth.NONE;
			case OPTIONAL -> ClientAuth.OPTIONAL;
			case REQUIRED -> ClientAuth.REQUIRE;
		}));
	}

	/** Builds the context of a client. */
	SslContext clientContext(String transport) {
		SslContextBuilder builder = SslContextBuilder.forClient()
			.endpointIdentificationAlgorithm(this.verifyHostname ? "HTTPS" : null);
		if (this.key != null) {
			this.key.addTo(builder);
		}
		return build(transport, builder);
	}

	private SslContext build(String transport, SslContextBuilder builder) {
		if (this.trust != null) {
			this.trust.addTo(builder);
		}
		if (!this.protocols.isEmpty()) {
			builder.protocols(this.protocols);
		}
		if (!this.ciphers.isEmpty()) {
			builder.ciphers(this.ciphers);
		}
		try {
			return builder.build();
		}
		catch (SSLException | IllegalArgumentException ex) {
			throw new TransportException("Cannot set up TLS on " + transport + " with " + this + ": " + ex.getMessage()
					+ "; check that the files hold PEM certificates and an unencrypted or correctly protected "
					+ "PKCS#8 private key", ex);
		}
	}

	@Override
	public String toString() {
		return "TLS[key=" + ((this.key != null) ? this.key : "none") + ", trust="
				+ ((this.trust != null) ? this.trust : "JVM default") + ", clientAuthentication="
				+ this.clientAuthentication + ", verifyHostname=" + this.verifyHostname + "]";
	}

	/** Where this side's certificate and private key come from. */
	private interface KeyMaterial {

		SslContextBuilder forServer();

		void addTo(SslContextBuilder client);

	}

	/** Where the trusted certificates come from. */
	private interface TrustMaterial {

		void addTo(SslContextBuilder builder);

	}

	private record PemKey(File certificateChain, File privateKey, @Nullable String password) implements KeyMaterial {

		@Override
		public SslContextBuilder forServer() {
			return SslContextBuilder.forServer(this.certificateChain, this.privateKey, this.password);
		}

		@Override
		public void addTo(SslContextBuilder client) {
			client.keyManager(this.certificateChain, this.privateKey, this.password);
		}

		@Override
		public String toString() {
			return this.certificateChain.getPath();
		}

	}

	private record FactoryKey(KeyManagerFactory factory, String description) implements KeyMaterial {

		@Override
		public SslContextBuilder forServer() {
			return SslContextBuilder.forServer(this.factory);
		}

		@Override
		public void addTo(SslContextBuilder client) {
			client.keyManager(this.factory);
		}

		@Override
		public String toString() {
			return this.description;
		}

	}

	private record PemTrust(File certificates) implements TrustMaterial {

		@Override
		public void addTo(SslContextBuilder builder) {
			builder.trustManager(this.certificates);
		}

		@Override
		public String toString() {
			return this.certificates.getPath();
		}

	}

	private record FactoryTrust(TrustManagerFactory factory, String description) implements TrustMaterial {

		@Override
		public void addTo(SslContextBuilder builder) {
			builder.trustManager(this.factory);
		}

		@Override
		public String toString() {
			return this.description;
		}

	}

	/**
	 * Builds {@link TlsOptions}. Files are checked when they are set, so a wrong path or password
	 * fails at once with a message that names the file.
	 */
	public static final class Builder {

		private @Nullable KeyMaterial key;

		private @Nullable TrustMaterial trust;

		private ClientAuthentication clientAuthentication = ClientAuthentication.NONE;

		private boolean verifyHostname = true;

		private List<String> protocols = List.of();

		private List<String> ciphers = List.of();

		private Builder() {
		}

		/**
		 * Uses a certificate chain and private key from PEM files.
		 * @param certificateChain the PEM certificate chain, this side's certificate first
		 * @param privateKey the PEM PKCS#8 private key, unencrypted
		 * @return this builder
		 */
		public Builder certificate(Path certificateChain, Path privateKey) {
			return certificate(certificateChain, privateKey, null);
		}

		/**
		 * Uses a certificate chain and an encrypted private key from PEM files.
		 * @param certificateChain the PEM certificate chain, this side's certificate first
		 * @param privateKey the PEM PKCS#8 private key
		 * @param password the key's password, or {@code null} if it is not encrypted
		 * @return this builder
		 */
		public Builder certificate(Path certificateChain, Path privateKey, @Nullable String password) {
			this.key = new PemKey(readable(certificateChain, "certificate chain"), readable(privateKey, "private key"),
					password);
			return this;
		}

		/**
		 * Uses the certificate and key of a key store file (PKCS#12 or JKS).
		 * @param file the key store
		 * @param password the password of the store and its key
		 * @return this builder
		 */
		public Builder keyStore(Path file, char[] password) {
			try {
				KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
				factory.init(load(file, password, "key store"), password);
				this.key = new FactoryKey(factory, file.toString());
				return this;
			}
			catch (GeneralSecurityException ex) {
				throw new IllegalArgumentException("Cannot use the key store " + file + ": " + ex.getMessage()
						+ "; check that it holds a private key with its certificate and that the password is right", ex);
			}
		}

		/**
		 * Uses a ready key manager factory, such as one from a Spring Boot SSL bundle.
		 * @param factory the initialised factory
		 * @param description what it is, for messages (never the key itself)
		 * @return this builder
		 */
		public Builder keyManager(KeyManagerFactory factory, String description) {
			this.key = new FactoryKey(factory, description);
			return this;
		}

		/**
		 * Trusts the certificates of a PEM file, instead of the JVM's default authorities.
		 * @param certificates the PEM file of trusted certificates
		 * @return this builder
		 */
		public Builder trustCertificates(Path certificates) {
			this.trust = new PemTrust(readable(certificates, "trusted certificates"));
			return this;
		}

		/**
		 * Trusts the certificates of a trust store file (PKCS#12 or JKS).
		 * @param file the trust store
		 * @param password its password
		 * @return this builder
		 */
		public Builder trustStore(Path file, char[] password) {
			try {
				TrustManagerFactory factory = TrustManagerFactory
					.getInstance(TrustManagerFactory.getDefaultAlgorithm());
				factory.init(load(file, password, "trust store"));
				this.trust = new FactoryTrust(factory, file.toString());
				return this;
			}
			catch (GeneralSecurityException ex) {
				throw new IllegalArgumentException("Cannot use the trust store " + file + ": " + ex.getMessage(), ex);
			}
		}

		/**
		 * Uses a ready trust manager factory, such as one from a Spring Boot SSL bundle.
		 * @param factory the initialised factory
		 * @param description what it is, for messages
		 * @return this builder
		 */
		public Builder trustManager(TrustManagerFactory factory, String description) {
			this.trust = new FactoryTrust(factory, description);
			return this;
		}

		/**
		 * Sets whether a server asks its clients for a certificate; default
		 * {@link ClientAuthentication#NONE}.
		 * @param clientAuthentication the client authentication
		 * @return this builder
		 */
		public Builder clientAuthentication(ClientAuthentication clientAuthentication) {
			this.clientAuthentication = clientAuthentication;
			return this;
		}

		/**
		 * Sets whether a client checks that the server's certificate names the host it connects to;
		 * default {@code true}. Turn it off only for certificates that name no host, between peers
		 * that trust a private authority.
		 * @param verify whether to verify host names
		 * @return this builder
		 */
		public Builder verifyHostname(boolean verify) {
			this.verifyHostname = verify;
			return this;
		}

		/**
		 * Limits the TLS protocol versions, such as {@code TLSv1.3}; default the JVM's.
		 * @param protocols the protocol names
		 * @return this builder
		 */
		public Builder protocols(List<String> protocols) {
			this.protocols = List.copyOf(protocols);
			return this;
		}

		/**
		 * Limits the cipher suites; default the JVM's.
		 * @param ciphers the cipher suite names
		 * @return this builder
		 */
		public Builder ciphers(List<String> ciphers) {
			this.ciphers = List.copyOf(ciphers);
			return this;
		}

		/**
		 * Builds the settings.
		 * @return the settings
		 */
		public TlsOptions build() {
			return new TlsOptions(this);
		}

		private static File readable(Path path, String what) {
			if (!Files.isReadable(path)) {
				throw new IllegalArgumentException("Cannot read the " + what + " file " + path.toAbsolutePath()
						+ "; check the path and its permissions");
			}
			return path.toFile();
		}

		private static KeyStore load(Path file, char[] password, String what) throws GeneralSecurityException {
			try {
				return KeyStore.getInstance(readable(file, what), password);
			}
			catch (IOException ex) {
				throw new IllegalArgumentException("Cannot read the " + what + " " + file + ": " + ex.getMessage()
						+ "; check that it is a PKCS#12 or JKS file and that the password is right", ex);
			}
		}

	}

}
