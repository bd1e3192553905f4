package io.lanvan.api.devices;

/** Counts since the server started: transfers by outcome and bytes by route, as devices reported them. */
public record TransferStats(int connectedDevices, int openTransfers, long completed, long failed, long cancelled,
                            long bytesDirect, long bytesRelay) {
}
