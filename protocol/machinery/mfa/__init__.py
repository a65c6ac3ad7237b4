"""Two-factor authentication: a one-time code from an authenticator app (TOTP, RFC 6238,
through django-otp) after the password, on every page while CASEWORK_MFA_REQUIRED is on
(ASVS 5.0 V6.3.3, V6.5: codes are single-use and wrong ones are throttled).

- `services`: enrol a device, check a code, reset a person's devices;
- `enrolment`: before a first device, proof beyond the password (an emailed single-use link
  or an administrator's set-up code), and `setup_views` its pages;
- `middleware`: sends a signed-in person without a verified code to enrol or to enter one;
- `views` and `forms`: the two pages; `qr`: the enrolment QR code as inline SVG markup
  (no image URL, no data: URI, nothing inline for the Content-Security-Policy to refuse).
"""
