"""QR payload schemes: recognise, parse and verify offline; issue passes. No Qt."""
