/* Aurea daily reminder, imported into the generated service worker.
 * Where the platform wakes an installed PWA (Periodic Background Sync), show one notification a day
 * after the chosen time if the day is not logged yet. Plain IndexedDB: the service worker has no Dexie. */
const REMINDER_TAG = 'aurea-daily-reminder';

function idbRequest(req) {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function localDate(d) {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

async function maybeRemind(now = new Date()) {
  const db = await idbRequest(indexedDB.open('aurea'));
  try {
    if (!db.objectStoreNames.contains('settings') || !db.objectStoreNames.contains('logs')) return false;
    const stores = ['settings', 'logs'].concat(db.objectStoreNames.contains('challenges') ? ['challenges'] : []);
    const tx = db.transaction(stores, 'readonly');
    const reminder = (await idbRequest(tx.objectStore('settings').get('reminder')))?.value;
    const last = (await idbRequest(tx.objectStore('settings').get('reminderLastShown')))?.value;
    const today = localDate(now);
    const logged = await idbRequest(tx.objectStore('logs').get(today));
    const challenges = stores.includes('challenges') ? await idbRequest(tx.objectStore('challenges').getAll()) : [];
    const plan = challenges.find((c) => c.status === 'active')?.plan;
    if (!reminder || !reminder.enabled || last === today || logged) return false;
    const [h, m] = String(reminder.time).split(':').map(Number);
    if (now.getHours() * 60 + now.getMinutes() < h * 60 + m) return false;
    const wtx = db.transaction('settings', 'readwrite');
    wtx.objectStore('settings').put({ key: 'reminderLastShown', value: today });
    await new Promise((res) => (wtx.oncomplete = res));
    // On a re-challenge day the reminder says what the plan asks for.
    const challengeToday = plan && plan.challengeDates.includes(today);
    await self.registration.showNotification(challengeToday ? `Challenge day: have ${plan.ingredient} today` : 'Time to log your day', {
      body: challengeToday ? `Then log how you feel, so the test can compare.` : 'What did you eat, and how did you feel? It takes a few seconds.',
      icon: '/icons/icon-192.png',
      badge: '/icons/icon-192.png',
      tag: REMINDER_TAG,
      data: { url: '/today' },
    });
    return true;
  } finally {
    db.close();
  }
}

self.addEventListener('periodicsync', (event) => {
  if (event.tag === REMINDER_TAG) event.waitUntil(maybeRemind());
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const url = (event.notification.data && event.notification.data.url) || '/today';
  event.waitUntil(
    self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then((list) => {
      for (const c of list) if ('focus' in c) return c.navigate(url).then((w) => (w || c).focus());
      return self.clients.openWindow(url);
    }),
  );
});
