package io.quickrpc;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import io.quickrpc.codec.InvalidMessageException;
import io.quickrpc.codec.Message;

/**
 * The replies to the requests of one received batch, gathered until the last is in and then sent
 * as one batch, as JSON-RPC 2.0 answers a batch. Replies may arrive from several handler threads
 * and in any order.
 */
final class BatchReplies {

	private final List<Message> replies;

	private final Consumer<Message.Batch> send;

	private int awaited;

	/**
	 * @param awaited how many replies the batch gets: {@link #awaited(Message.Batch)}, above zero
	 * @param send sends the replies once all are in
	 */
	BatchReplies(int awaited, Consumer<Message.Batch> send) {
		this.replies = new ArrayList<>(awaited);
		this.awaited = awaited;
		this.send = send;
	}

	/** Counts the replies a received batch gets: one per request, and one per entry answered as invalid. */
	static int awaited(Message.Batch batch) {
		int awaited = 0;
		for (Message message : batch.messages()) {
			awaited += (message instanceof Message.Call call && call.isRequest()) ? 1 : 0;
		}
		for (InvalidMessageException problem : batch.problems()) {
			awaited += (problem.replyTo() != null) ? 1 : 0;
		}
		return awaited;
	}

	/** Adds one reply; the last one sends them all. */
	void add(Message reply) {
		Message.Batch complete;
		synchronized (this) {
			this.replies.add(reply);
			if (--this.awaited != 0) {
				return;
			}
			complete = new Message.Batch(this.replies);
		}
		this.send.accept(complete);
	}

}
