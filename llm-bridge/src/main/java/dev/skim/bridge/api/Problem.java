package dev.skim.bridge.api;

/**
 * An error body in the problem-details format (RFC 9457, {@code application/problem+json}).
 *
 * @param type a URI naming the kind of problem
 * @param title a short summary of the kind
 * @param status the HTTP status
 * @param detail what exactly went wrong, for a human
 */
public record Problem(String type, String title, int status, String detail) {}
