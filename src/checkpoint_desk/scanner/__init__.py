"""From camera frame to decoded text: frame sources, decoders, debounce. No Qt."""
