/**
 * Writes src/server/modules/matching/data/commute-minutes.csv: estimated door-to-door travel time by
 * public transport, in minutes, between the districts of İstanbul (39) and İzmir (30), every ordered pair
 * including a district to itself (issue 10, docs/MATCHING.md "Commute").
 *
 * It is a model, not a measurement: straight-line distance between district centres (the
 * kaymakamlık/centre of the main settlement, to about a kilometre) × 1.3 for the street network, 10 minutes
 * to walk to a stop and wait, 5 more for a transfer on trips over 6 km, the first 10 km at 20 km/h (bus in
 * traffic), the next 30 km at 35 km/h (metro, metrobus, Marmaray, İZBAN), the rest at 45 km/h (suburban and
 * intercity buses); crossing the Bosphorus adds 10 minutes (a ferry, Marmaray or the metrobus bridge and
 * its queue) and Adalar (the Princes' Islands, ferry only) 25 more; a trip within a district takes 20
 * minutes, 30 in the large rural districts, and no trip to another district less than 20. Rounded to 5
 * minutes. Rail corridors (Marmaray, M4, İZBAN) are faster than the model says and far-off villages slower:
 * an office with measured figures (for example from the GTFS feeds İBB and İzmir publish and a trip
 * planner) replaces the CSV, same columns, and matching uses it as it is.
 *
 *   npm run commute-matrix
 */
import fs from 'node:fs';
import path from 'node:path';

type District = [name: string, lat: number, lon: number, side?: 'asia' | 'islands', rural?: true];

const ISTANBUL: District[] = [
  ['Arnavutköy', 41.184, 28.74, undefined, true],
  ['Avcılar', 40.979, 28.722],
  ['Bağcılar', 41.039, 28.856],
  ['Bahçelievler', 41.0, 28.862],
  ['Bakırköy', 40.98, 28.872],
  ['Başakşehir', 41.093, 28.802],
  ['Bayrampaşa', 41.046, 28.912],
  ['Beşiktaş', 41.043, 29.007],
  ['Beylikdüzü', 40.99, 28.64],
  ['Beyoğlu', 41.037, 28.977],
  ['Büyükçekmece', 41.021, 28.585],
  ['Çatalca', 41.143, 28.461, undefined, true],
  ['Esenler', 41.043, 28.876],
  ['Esenyurt', 41.034, 28.68],
  ['Eyüpsultan', 41.048, 28.934],
  ['Fatih', 41.019, 28.95],
  ['Gaziosmanpaşa', 41.064, 28.912],
  ['Güngören', 41.022, 28.873],
  ['Kağıthane', 41.079, 28.973],
  ['Küçükçekmece', 41.0, 28.78],
  ['Sarıyer', 41.167, 29.05],
  ['Silivri', 41.074, 28.246, undefined, true],
  ['Sultangazi', 41.107, 28.867],
  ['Şişli', 41.06, 28.987],
  ['Zeytinburnu', 40.994, 28.904],
  ['Adalar', 40.876, 29.091, 'islands'],
  ['Ataşehir', 40.984, 29.107, 'asia'],
  ['Beykoz', 41.134, 29.092, 'asia'],
  ['Çekmeköy', 41.036, 29.173, 'asia'],
  ['Kadıköy', 40.99, 29.029, 'asia'],
  ['Kartal', 40.889, 29.19, 'asia'],
  ['Maltepe', 40.935, 29.131, 'asia'],
  ['Pendik', 40.877, 29.235, 'asia'],
  ['Sancaktepe', 41.002, 29.231, 'asia'],
  ['Sultanbeyli', 40.961, 29.271, 'asia'],
  ['Şile', 41.176, 29.613, 'asia', true],
  ['Tuzla', 40.816, 29.3, 'asia'],
  ['Ümraniye', 41.016, 29.124, 'asia'],
  ['Üsküdar', 41.023, 29.015, 'asia'],
];

const IZMIR: District[] = [
  ['Aliağa', 38.8, 26.972],
  ['Balçova', 38.389, 27.05],
  ['Bayındır', 38.218, 27.648, undefined, true],
  ['Bayraklı', 38.462, 27.163],
  ['Bergama', 39.121, 27.18, undefined, true],
  ['Beydağ', 38.085, 28.21, undefined, true],
  ['Bornova', 38.469, 27.216],
  ['Buca', 38.388, 27.175],
  ['Çeşme', 38.324, 26.303],
  ['Çiğli', 38.496, 27.071],
  ['Dikili', 39.071, 26.889, undefined, true],
  ['Foça', 38.67, 26.757],
  ['Gaziemir', 38.323, 27.132],
  ['Güzelbahçe', 38.37, 26.89],
  ['Karabağlar', 38.375, 27.128],
  ['Karaburun', 38.638, 26.512, undefined, true],
  ['Karşıyaka', 38.459, 27.115],
  ['Kemalpaşa', 38.427, 27.417, undefined, true],
  ['Kınık', 39.087, 27.383, undefined, true],
  ['Kiraz', 38.232, 28.205, undefined, true],
  ['Konak', 38.419, 27.129],
  ['Menderes', 38.253, 27.134],
  ['Menemen', 38.607, 27.069],
  ['Narlıdere', 38.395, 26.999],
  ['Ödemiş', 38.228, 27.972, undefined, true],
  ['Seferihisar', 38.197, 26.838],
  ['Selçuk', 37.951, 27.368],
  ['Tire', 38.089, 27.735, undefined, true],
  ['Torbalı', 38.157, 27.363],
  ['Urla', 38.323, 26.765],
];

function km(a: District, b: District): number {
  const rad = Math.PI / 180;
  const dLat = (b[1] - a[1]) * rad;
  const dLon = (b[2] - a[2]) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}

function minutes(a: District, b: District, province: 'İstanbul' | 'İzmir'): number {
  if (a === b) return a[4] ? 30 : 20;
  const road = km(a, b) * 1.3;
  const inVehicle =
    (Math.min(road, 10) / 20 + Math.min(Math.max(road - 10, 0), 30) / 35 + Math.max(road - 40, 0) / 45) * 60;
  let total = 10 + (road > 6 ? 5 : 0) + inVehicle;
  if (province === 'İstanbul') {
    const side = (d: District) => (d[3] === 'islands' ? 'asia' : (d[3] ?? 'europe'));
    if (side(a) !== side(b)) total += 10;
    if (a[3] === 'islands' || b[3] === 'islands') total += 25;
  }
  // Neighbouring centres can be closer than an average trip inside a district: never below that.
  return Math.min(240, Math.max(20, Math.round(total / 5) * 5));
}

const lines = ['province,from,to,minutes'];
for (const [province, list] of [
  ['İstanbul', ISTANBUL],
  ['İzmir', IZMIR],
] as const)
  for (const a of list) for (const b of list) lines.push(`${province},${a[0]},${b[0]},${minutes(a, b, province)}`);

const out = path.resolve(import.meta.dirname, '../src/server/modules/matching/data/commute-minutes.csv');
fs.writeFileSync(out, `${lines.join('\n')}\n`);
console.log(`wrote ${lines.length - 1} pairs to ${path.relative(process.cwd(), out)}`);
