#!/usr/bin/env python3
"""Sends alarm mail to jemhead's SMTP listener the way Python's smtplib does: STARTTLS,
AUTH, several messages on one connection, each with a PQDIF file attached.

usage: smtplib_client.py PORT USER PASSWORD ATTACHMENT COUNT [MECHANISM]
exit: 0 sent, 3 authentication refused, 4 another SMTP error.
"""
import os
import smtplib
import ssl
import sys
from email.message import EmailMessage


def main():
    port, user, password, attachment = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
    count = int(sys.argv[5])
    mechanism = sys.argv[6] if len(sys.argv) > 6 else ""
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE  # the tests' self-signed certificate
    with open(attachment, "rb") as f:
        data = f.read()
    try:
        with smtplib.SMTP("127.0.0.1", int(port), local_hostname="meter-py", timeout=20) as smtp:
            smtp.starttls(context=context)
            if mechanism == "LOGIN":
                smtp.ehlo()
                smtp.user, smtp.password = user, password
                smtp.auth("LOGIN", smtp.auth_login)
            else:
                smtp.login(user, password)
            for i in range(count):
                msg = EmailMessage()
                msg["From"] = "meter@plant.example"
                msg["To"] = "alarms@headend.example"
                msg["Cc"] = "ops@headend.example"
                msg["Subject"] = f"PQD alarm {i}"
                msg.set_content(f'{{"EventType": "PQD", "Sequence": {i}}}\n')
                msg.add_attachment(data, maintype="application", subtype="octet-stream",
                                   filename=os.path.basename(attachment))
                smtp.send_message(msg)
    except smtplib.SMTPAuthenticationError as e:
        print("auth refused:", e)
        return 3
    except smtplib.SMTPException as e:
        print("smtp error:", e)
        return 4
    return 0


if __name__ == "__main__":
    sys.exit(main())
