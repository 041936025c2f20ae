package io.quickrpc.transport.nats;

/**
 * The subjects of one namespace, {@code qrpc.NS.*}; see the package documentation for what each
 * carries. Every data subject ends with the token that says where a message comes from.
 */
final class Subjects {

	private final String prefix;

	Subjects(String namespace) {
		this.prefix = "qrpc." + namespace + ".";
	}

	/** Everything of the namespace, for a server's permissions or a debugging subscriber. */
	String everything() {
		return this.prefix + ">";
	}

	/** A broadcast: every other endpoint of the namespace receives it. */
	String all(String sender) {
		return this.prefix + "all." + sender;
	}

	String allWildcard() {
		return this.prefix + "all.*";
	}

	/** A message to one endpoint. */
	String to(String receiver, String sender) {
		return this.prefix + "to." + receiver + "." + sender;
	}

	String toWildcard(String receiver) {
		return this.prefix + "to." + receiver + ".*";
	}

	/** A message to the service group: one member receives it (a NATS queue subscription). */
	String service(String group, String sender) {
		return this.prefix + "svc." + group + "." + sender;
	}

	String serviceWildcard(String group) {
		return this.prefix + "svc." + group + ".*";
	}

	/** What a member sends back to an endpoint that reached it through the service group. */
	String via(String receiver, String group) {
		return this.prefix + "via." + receiver + "." + group;
	}

	String viaWildcard(String receiver) {
		return this.prefix + "via." + receiver + ".*";
	}

	/** Presence (hello, beat, bye) for every endpoint of the namespace. */
	String presence(String sender) {
		return this.prefix + "presence." + sender;
	}

	String presenceWildcard() {
		return this.prefix + "presence.*";
	}

	/** Presence for one endpoint: the answer to its hello, or that it was dropped. */
	String presenceTo(String sender, String receiver) {
		return this.prefix + "presence." + sender + "." + receiver;
	}

	String presenceToWildcard(String receiver) {
		return this.prefix + "presence.*." + receiver;
	}

	/** The sender of a presence subject, the token after {@code presence.}. */
	String presenceSender(String subject) {
		int start = this.prefix.length() + "presence.".length();
		int end = subject.indexOf('.', start);
		return (end < 0) ? subject.substring(start) : subject.substring(start, end);
	}

	/** The last token of a subject: the sender of a data subject, the group of a {@code via} subject. */
	static String last(String subject) {
		return subject.substring(subject.lastIndexOf('.') + 1);
	}

}
