#!/usr/bin/env python3
"""Writes a large STAR 5 ProcessRepairOrder file for the XML benchmark.

usage: generate_star.py OUT.xml [MEGABYTES]   (default 200)

Deterministic (seeded): repair orders of 1-4 jobs with 0-3 parts each, realistic element
paths as in samples/xml/star_process_repair_order.xml.
"""
import random
import sys

ALPHABET = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789"
WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2]
VALUES = {**{str(i): i for i in range(10)},
          **dict(A=1, B=2, C=3, D=4, E=5, F=6, G=7, H=8, J=1, K=2, L=3, M=4, N=5, P=7, R=9,
                 S=2, T=3, U=4, V=5, W=6, X=7, Y=8, Z=9)}


def vin(rng):
    body = "LSV" + "".join(rng.choice(ALPHABET) for _ in range(14))
    total = sum(VALUES[c] * WEIGHTS[i] for i, c in enumerate(body)) % 11
    return body[:8] + ("X" if total == 10 else str(total)) + body[9:]


def repair_order(rng, number):
    day = 1 + number % 28
    hour = 8 + number % 9
    jobs = []
    for j in range(1, rng.randint(1, 4) + 1):
        parts = []
        for _ in range(rng.randint(0, 3)):
            price = rng.randint(1000, 150000) / 100
            parts.append(f"""        <ServiceParts>
          <ItemIdentificationGroup><ItemIdentification><ItemID>P{rng.randint(10000, 99999)}</ItemID></ItemIdentification></ItemIdentificationGroup>
          <ItemQuantity unitCode="EA">{rng.randint(1, 4)}</ItemQuantity>
          <Pricing>
            <Price><ChargeAmount currencyID="CNY">{price:.2f}</ChargeAmount><PriceCode>Retail</PriceCode></Price>
            <Price><ChargeAmount currencyID="CNY">{price * 0.62:.2f}</ChargeAmount><PriceCode>DealerCost</PriceCode></Price>
          </Pricing>
        </ServiceParts>
""")
        payer = rng.choice(["Customer", "Customer", "Customer", "Warranty", "Internal"])
        hours = rng.randint(2, 40) / 10
        jobs.append(f"""      <Job>
        <JobNumberString>{j}</JobNumberString>
        <OperationID>OP{rng.randint(100, 999)}</OperationID>
        <OperationName>常规维修项目 {j}</OperationName>
        <BillToPartyType>{payer}</BillToPartyType>
        <LaborAllowanceHoursNumeric>{hours:.1f}</LaborAllowanceHoursNumeric>
        <LaborActualHoursNumeric>{hours * rng.uniform(0.7, 1.3):.2f}</LaborActualHoursNumeric>
        <ServiceTechnicianParty><PartyID>T-{rng.randint(1000, 1099)}</PartyID></ServiceTechnicianParty>
        <RepeatRepairIndicator>{"true" if rng.random() < 0.03 else "false"}</RepeatRepairIndicator>
        <Pricing><Price><ChargeAmount currencyID="CNY">{hours * 300:.2f}</ChargeAmount><PriceCode>Labor</PriceCode></Price></Pricing>
{"".join(parts)}      </Job>
""")
    return f"""    <RepairOrder>
      <RepairOrderHeader>
        <DocumentIdentificationGroup><DocumentIdentification><DocumentID>RO{number:09d}</DocumentID></DocumentIdentification></DocumentIdentificationGroup>
        <RepairOrderOpenedDateTime>2026-11-{day:02d}T{hour:02d}:15:00+08:00</RepairOrderOpenedDateTime>
        <PromisedRepairCompletionDateTime>2026-11-{day:02d}T17:30:00+08:00</PromisedRepairCompletionDateTime>
        <RepairOrderCompletedDateTime>2026-11-{day:02d}T16:45:00+08:00</RepairOrderCompletedDateTime>
        <RepairOrderInvoiceDateTime>2026-11-{day:02d}T17:05:00+08:00</RepairOrderInvoiceDateTime>
        <RepairOrderStatus>Closed</RepairOrderStatus>
        <ServiceAdvisorParty><PartyID>SA-{rng.randint(200, 220)}</PartyID></ServiceAdvisorParty>
        <RepairOrderVehicleLineItem><Vehicle><VehicleID>{vin(rng)}</VehicleID></Vehicle></RepairOrderVehicleLineItem>
        <InDistanceMeasure unitCode="kilometer">{rng.randint(500, 180000)}</InDistanceMeasure>
      </RepairOrderHeader>
{"".join(jobs)}    </RepairOrder>
"""


def main():
    out = sys.argv[1]
    megabytes = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    limit = megabytes * 1_000_000
    rng = random.Random(20261127)
    with open(out, "w", encoding="utf-8") as f:
        f.write("""<?xml version="1.0" encoding="UTF-8"?>
<ProcessRepairOrder xmlns="http://www.starstandard.org/STAR/5" releaseID="5.4.4">
  <ApplicationArea>
    <Sender><CreatorNameCode>DMS</CreatorNameCode><SenderNameCode>DMS</SenderNameCode><DealerNumberID>DLR001</DealerNumberID></Sender>
    <CreationDateTime>2026-11-27T01:00:00+08:00</CreationDateTime>
    <BODID>bench-0001</BODID>
  </ApplicationArea>
  <ProcessRepairOrderDataArea>
    <Process actionCode="Add"/>
""")
        number = 0
        while f.tell() < limit:
            number += 1
            f.write(repair_order(rng, number))
        f.write("  </ProcessRepairOrderDataArea>\n</ProcessRepairOrder>\n")
    print(f"{out}: {number} repair orders")


if __name__ == "__main__":
    main()
