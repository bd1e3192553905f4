package io.lanvan.api.relay;

/** Where the browsers connect ({@code url}, same origin) and the single-use token each side presents. */
public record RelayTickets(String url, String offererToken, String receiverToken) {
}
