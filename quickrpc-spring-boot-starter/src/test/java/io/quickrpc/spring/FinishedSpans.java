package io.quickrpc.spring;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import brave.handler.MutableSpan;
import brave.handler.SpanHandler;
import brave.propagation.TraceContext;

/**
 * The spans an application finished, as Brave reports them to this bean.
 */
public class FinishedSpans extends SpanHandler {

	private final List<MutableSpan> finished = new CopyOnWriteArrayList<>();

	/**
	 * Returns the finished spans, in the order they finished.
	 * @return the spans, a live list
	 */
	public List<MutableSpan> spans() {
		return this.finished;
	}

	@Override
	public boolean end(TraceContext context, MutableSpan span, Cause cause) {
		this.finished.add(span);
		return true;
	}

}
