#!/usr/bin/python3
# Writes the sample messages of tests/cli/mail.t (kept in git; rerun only to
# change them): an mbox with UTF-8, KOI8-R and windows-1251 encoded words,
# folded headers, a ">From " line, multipart and quoted-printable bodies; a
# mailbox with malformed messages; a Maildir (one message with CRLF); one
# message for stdin.
import base64, quopri

def b(word, cs):
    return "=?%s?B?%s?=" % (cs, base64.b64encode(word.encode(cs)).decode())

def q(word, cs):
    out = ""
    for c in word.encode(cs):
        ch = chr(c)
        if ch == ' ':
            out += '_'
        elif c < 128 and ch.isalnum():
            out += ch
        else:
            out += "=%02X" % c
    return "=?%s?Q?%s?=" % (cs, out)

m1 = ("From ann@x.com Thu Jan 15 08:00:00 2026\n"
      "Return-Path: <ann@x.com>\n"
      "From: " + b("Анна Коваль", "utf-8") + " <Ann@X.com>\n"
      "To: Alice <alice@ours.example>\n"
      "Subject: " + b("Привіт, питання щодо договору", "utf-8") + "\n"
      "Date: Thu, 15 Jan 2026 10:00:00 +0200 (EET)\n"
      "Message-ID: <msg1@x.com>\n"
      "MIME-Version: 1.0\n"
      "Content-Type: text/plain; charset=utf-8\n"
      "Content-Transfer-Encoding: 8bit\n"
      "\n"
      "Добрий день!\n"
      ">From the start of the line, this was escaped.\n"
      "Anna\n"
      "\n").encode()

text1251 = "Привет, Анна!\nСчёт во вложении.\n"
m2 = ("From alice@ours.example Thu Jan 15 09:00:00 2026\n"
      "From: Alice <alice@ours.example>\n"
      "To: \"Petrenko, Petro\" <petro@client.ua>,\n"
      "\tbob@globex.com (Bob at Globex)\n"
      "Cc: ann@x.com\n"
      "Subject: " + q("Счёт на", "koi8-r") + "\n " + q(" оплату N42", "koi8-r") + "\n"
      "Date: 15 Jan 2026 07:30 GMT\n"
      "Message-ID: <msg2@ours.example>\n"
      "MIME-Version: 1.0\n"
      "Content-Type: multipart/alternative; boundary=\"b1\"\n"
      "\n"
      "This is a multi-part message.\n"
      "--b1\n"
      "Content-Type: text/plain; charset=windows-1251\n"
      "Content-Transfer-Encoding: base64\n"
      "\n" + base64.encodebytes(text1251.encode("cp1251")).decode() +
      "--b1\n"
      "Content-Type: text/html; charset=utf-8\n"
      "\n"
      "<p>Привет</p>\n"
      "--b1--\n"
      "\n").encode()

m3 = ("From stranger@nowhere.example Thu Jan 15 09:10:00 2026\n"
      "From: stranger@nowhere.example\n"
      "To: someone@else.example\n"
      "Subject: Unrelated\n"
      "Date: Thu, 15 Jan 2026 09:10:00 +0000\n"
      "Message-ID: <msg3@nowhere.example>\n"
      "\n"
      "Nothing for the CRM.\n"
      "\n").encode()

m4 = ("From bob@globex.com Thu Jan 15 09:20:00 2026\n"
      "From: " + b("Боб", "windows-1251") + " " + q("Глобекс", "windows-1251") + " <bob@globex.com>\n"
      "To: alice@ours.example\n"
      "Subject: =?windows-1251?Q?=C7=E0=EA=E0=E7?= Re: order\n"
      "Date: Thu, 15 Jan 2026 04:20:00 -0500\n"
      "Message-ID: <msg4@globex.com>\n"
      "Content-Type: text/plain; charset=koi8-r\n"
      "Content-Transfer-Encoding: quoted-printable\n"
      "\n").encode() + quopri.encodestring(
          "Спасибо за заказ, это очень длинная строка, которую нужно перенести с мягким переносом строки.\n"
          .encode("koi8-r")) + b"\n"

open("sample.mbox", "wb").write(m1 + m2 + m3 + m4)

bad2 = ("From x@y Thu Jan 15 09:00:00 2026\n"
        "From: ann@x.com\n"
        "This line is not a header\n"
        "Subject: broken\n"
        "\n"
        "body\n"
        "\n").encode()
bad3 = ("From x@y Thu Jan 15 09:00:00 2026\n"
        "From: ann@x.com\n"
        "Subject: bad date\n"
        "Date: yesterday at noon\n"
        "Message-ID: <bad3@x.com>\n"
        "\n"
        "body\n"
        "\n").encode()
open("bad.mbox", "wb").write(m1 + bad2 + bad3 + m4)

def strip_from(m):
    return m.split(b"\n", 1)[1]

open("maildir/cur/1768464000.M1P1.host:2,S", "wb").write(strip_from(m1).replace(b"\n", b"\r\n"))
open("maildir/new/1768467000.M2P2.host", "wb").write(strip_from(m4))
open("single.eml", "wb").write(strip_from(m2))
