// The supervision dashboard (督查看板). Plain browser JS: it calls the API with the user's own credentials and shows
// only what the API returns (personal data arrives already masked for the role). Nothing is written into the DOM as
// HTML: every value goes through textContent.
(function () {
  'use strict';
  const I = window.DASHBOARD_I18N;
  const LANG_KEY = 'petitions.dashboard.lang';
  // Credentials live for the browser tab only (sessionStorage), never in localStorage.
  const AUTH_KEY = 'petitions.dashboard.auth';
  const BUREAU = ['supervisor', 'leader', 'auditor', 'admin'];
  const UNIT_ROLES = ['handler', 'unit_head'];

  let lang = localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'zh-CN';
  let auth = readAuth();
  let config = { allowDevHeaders: false, roles: [], categories: [], rungs: {} };
  let charts = [];
  let period = shanghaiNow().slice(0, 7);
  let renderToken = 0;

  // ---------- helpers ----------
  function shanghaiNow() { return new Date(Date.now() + 8 * 3600000).toISOString(); }
  function t(key, vars) {
    const dict = I[lang] || I['zh-CN'];
    let s = key in dict ? dict[key] : key;
    if (vars) for (const k of Object.keys(vars)) s = s.split(`{${k}}`).join(String(vars[k]));
    return s;
  }
  function code(group, value) {
    if (value === null || value === undefined || value === '') return '—';
    const e = I.codes[group] && I.codes[group][value];
    return e ? e[lang === 'en' ? 1 : 0] : String(value);
  }
  function categoryName(c) {
    if (!c) return '—';
    const found = (config.categories || []).find((x) => x.code === c);
    return found ? (lang === 'en' ? found.en : found.zh) : c;
  }
  function deadlineName(key) {
    if (!key) return '—';
    return code('deadline', String(key).split(':')[0]);
  }
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === null || v === false) continue;
      if (k === 'class') node.className = v;
      else if (k === 'text') node.textContent = v;
      else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v === true ? '' : String(v));
    }
    for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) node.append(c instanceof Node ? c : String(c));
    return node;
  }
  function fmtTime(iso) {
    if (!iso) return '—';
    return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
  }
  function fmtDuration(ms) {
    let s = Math.max(0, Math.floor(Math.abs(ms) / 1000));
    const d = Math.floor(s / 86400); s -= d * 86400;
    const h = Math.floor(s / 3600); s -= h * 3600;
    const m = Math.floor(s / 60); s -= m * 60;
    const parts = [];
    if (d) parts.push(t('days', { n: d }));
    if (h) parts.push(t('hours', { n: h }));
    if (!d && m) parts.push(t('minutes', { n: m }));
    if (!d && !h && !m) parts.push(t('seconds', { n: s }));
    return parts.join(lang === 'en' ? ' ' : '');
  }
  function fmtLimit(limit) {
    if (!limit) return t('noLimit');
    return t(`unit_${limit.unit}`, { n: limit.amount });
  }
  /** A due time, marked 暂定 / provisional when the case has a deadline computed without a year's holidays. */
  function dueCell(dueAt, provisionalYears) {
    if (!provisionalYears || !provisionalYears.length) return fmtTime(dueAt);
    return el('span', { class: 'provisional', 'data-provisional': provisionalYears.join(','), title: t('provisionalHint'), text: `${fmtTime(dueAt)} ${t('provisional')}` });
  }

  function left(dueAt) {
    const ms = Date.parse(dueAt) - Date.now();
    return ms >= 0 ? el('span', { class: ms < 3 * 86400000 ? 'soon' : '', text: fmtDuration(ms) })
      : el('span', { class: 'late', text: t('overdueBy', { t: fmtDuration(ms) }) });
  }

  // ---------- identity ----------
  function readAuth() {
    try { return JSON.parse(sessionStorage.getItem(AUTH_KEY) || 'null'); } catch (_) { return null; }
  }
  function saveAuth(a) {
    auth = a;
    if (a) sessionStorage.setItem(AUTH_KEY, JSON.stringify(a)); else sessionStorage.removeItem(AUTH_KEY);
  }
  /** Who the page acts as, for choosing views only: the API decides what each role may see. */
  function me() {
    if (!auth) return null;
    if (auth.kind === 'dev') return { id: auth.id, role: auth.role, unit: auth.unit || undefined };
    try {
      const payload = JSON.parse(atob(auth.token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
      return { id: String(payload.sub || ''), role: String(payload.role || ''), unit: payload.unit ? String(payload.unit) : undefined };
    } catch (_) { return { id: '?', role: '' }; }
  }
  function authHeaders() {
    if (!auth) return {};
    if (auth.kind === 'token') return { authorization: `Bearer ${auth.token}` };
    const h = { 'x-actor-id': auth.id, 'x-actor-role': auth.role };
    if (auth.unit) h['x-actor-unit'] = auth.unit;
    return h;
  }

  class ApiFailure extends Error {
    constructor(status, body) {
      const e = (body && body.error) || {};
      super(e.messageEn || `HTTP ${status}`);
      this.status = status;
      this.code = e.code || `HTTP_${status}`;
      this.zh = e.message || '';
      this.en = e.messageEn || '';
    }
    text() { return `${this.code}: ${lang === 'en' ? this.en || this.zh : this.zh || this.en}`; }
  }
  async function api(path, as) {
    const res = await fetch(path, { headers: authHeaders(), cache: 'no-store' });
    if (!res.ok) {
      let body = null;
      try { body = await res.json(); } catch (_) { /* not JSON */ }
      const failure = new ApiFailure(res.status, body);
      if (res.status === 401) { saveAuth(null); showSignIn(failure.text()); }
      throw failure;
    }
    if (as === 'text') return res.text();
    if (as === 'blob') return res.blob();
    return res.json();
  }
  async function settle(promises) {
    const out = {};
    const entries = Object.entries(promises);
    const results = await Promise.allSettled(entries.map(([, p]) => p));
    entries.forEach(([k], i) => { out[k] = results[i].status === 'fulfilled' ? { ok: true, value: results[i].value } : { ok: false, error: results[i].reason }; });
    return out;
  }
  function failureNote(r) {
    const err = r.error;
    if (err && (err.status === 403 || err.status === 404)) return el('p', { class: 'empty', text: t('forbiddenHere') });
    return el('p', { class: 'error', text: `${t('error')}: ${err && err.text ? err.text() : String(err)}` });
  }

  // ---------- chrome ----------
  function applyStaticLabels() {
    document.documentElement.lang = lang;
    document.title = `${t('title')}`;
    for (const node of document.querySelectorAll('[data-i18n]')) node.textContent = t(node.getAttribute('data-i18n'));
    const who = me();
    document.getElementById('who').textContent = who ? `${t('signedInAs')}: ${code('role', who.role)} · ${who.id}${who.unit ? ` · ${who.unit}` : ''}` : '';
    document.getElementById('sign-out').hidden = !who;
    const roleSelect = document.getElementById('demo-role');
    const chosen = roleSelect.value || 'supervisor';
    roleSelect.replaceChildren(...(config.roles || []).map((r) => el('option', { value: r, text: code('role', r), selected: r === chosen })));
    document.getElementById('demo-note').textContent = config.allowDevHeaders ? t('signInDemoHint') : t('signInDemoOff');
    document.getElementById('demo-form').hidden = !config.allowDevHeaders;
  }
  function showSignIn(message) {
    disposeCharts();
    document.getElementById('view').hidden = true;
    document.getElementById('sign-in').hidden = false;
    document.getElementById('sign-in-error').textContent = message || '';
    applyStaticLabels();
  }
  function disposeCharts() {
    for (const c of charts) c.dispose();
    charts = [];
  }
  const FONT = 'system-ui, "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", "Dashboard CJK", sans-serif';
  /** Canvas text does not wait for web fonts: make sure the CJK face is ready (instant where a local font exists). */
  function fontsReady() {
    if (!document.fonts || !document.fonts.load) return Promise.resolve();
    return Promise.race([document.fonts.load('14px "Dashboard CJK"', '督查看板').catch(() => undefined), new Promise((r) => setTimeout(r, 5000))]);
  }
  function chart(node, option) {
    if (!window.echarts) return;
    const c = window.echarts.init(node);
    c.setOption({ textStyle: { fontFamily: FONT }, ...option });
    charts.push(c);
  }
  function table(headers, rows, opts) {
    if (!rows.length) return el('p', { class: 'empty', text: t('noRows') });
    const cls = (h) => [h.num ? 'num' : '', h.wrap ? 'wrap' : ''].join(' ').trim();
    return el('div', { class: 'table-wrap' }, el('table', opts || {},
      el('thead', {}, el('tr', {}, headers.map((h) => el('th', { class: cls(h), text: h.label })))),
      el('tbody', {}, rows.map((cells) => el('tr', {}, cells.map((c, i) => el('td', { class: cls(headers[i]) }, c)))))));
  }
  function caseLink(caseId) {
    return el('a', { class: 'case-link', href: `#/case/${encodeURIComponent(caseId)}`, 'data-case-id': caseId, text: caseId });
  }
  function kpi(id, label, value, tone) {
    return el('div', { class: `kpi ${tone || ''}`, id: `kpi-${id}`, 'data-kpi': id },
      el('div', { class: 'label', text: label }), el('div', { class: 'value', text: String(value) }));
  }
  function panel(id, title, ...body) {
    return el('section', { class: 'panel', id }, el('h2', { text: title }), ...body);
  }
  function countLabel(page) {
    return `${page.items.length}${page.nextCursor ? '+' : ''}`;
  }

  // ---------- views ----------
  async function renderOverview(view, token) {
    const who = me();
    const unitQ = UNIT_ROLES.includes(who.role) && who.unit ? `unit=${encodeURIComponent(who.unit)}` : '';
    const withUnit = (path) => (unitQ ? `${path}${path.includes('?') ? '&' : '?'}${unitQ}` : path);
    const periodInput = el('input', { type: 'month', id: 'period', value: period, onchange: (e) => { period = e.target.value || period; route(); } });
    const lookup = el('form', { class: 'toolbar', id: 'case-lookup', onsubmit: (e) => {
      e.preventDefault();
      const id = e.target.querySelector('input').value.trim();
      if (id) location.hash = `#/case/${encodeURIComponent(id)}`;
    } }, el('input', { placeholder: t('caseLookup'), size: 34, 'aria-label': t('caseLookup') }), el('button', { type: 'submit', text: t('open') }));
    view.replaceChildren(el('div', { class: 'toolbar' }, el('label', {}, `${t('period')} `, periodInput),
      el('button', { type: 'button', id: 'refresh', onclick: () => route(), text: t('refresh') }), lookup),
    el('p', { class: 'muted', text: t('loading') }));

    if (who.role === 'registrar') {
      view.replaceChildren(view.firstChild, el('p', { class: 'muted', text: t('registrarNote') }));
      return;
    }
    const bureau = BUREAU.includes(who.role);
    const r = await settle({
      summary: bureau ? api(`/supervision/reports/summary?period=${period}`) : Promise.reject(new ApiFailure(403, null)),
      units: bureau ? api(`/dashboard/api/units?period=${period}`) : Promise.reject(new ApiFailure(403, null)),
      overdue: api(withUnit('/supervision/overdue?limit=100')),
      dueSoon: api(withUnit('/supervision/due-soon?days=7&limit=100')),
      ledger: api(withUnit(`/supervision/ledger?period=${period}&limit=200`)),
      breaches: api(withUnit(`/supervision/breaches?period=${period}&limit=20`)),
      openBreaches: api(withUnit('/supervision/breaches?open=true&limit=500')),
      trend: api(withUnit('/dashboard/api/trend?granularity=day')),
      // A unit's letters to answer; the supervision office's feedback to review.
      letterWork: UNIT_ROLES.includes(who.role) && who.unit ? api(`/letters?awaiting=feedback&unitId=${encodeURIComponent(who.unit)}&limit=100`)
        : who.role === 'supervisor' ? api('/letters?awaiting=review&limit=100') : Promise.reject(new ApiFailure(403, null)),
    });
    if (token !== renderToken) return;
    if (!auth) return;

    // KPI cards
    const cards = [];
    if (r.summary.ok) {
      const f = r.summary.value.figures;
      const periodBreaches = Object.values(r.summary.value.breachesByKey || {}).reduce((a, b) => a + b, 0);
      cards.push(kpi('registered', t('kpi_registered'), f.volume.cases));
      cards.push(kpi('open', t('kpi_open'), f.volume.cases - f.closed));
      if (r.overdue.ok) cards.push(kpi('overdue', t('kpi_overdue'), countLabel(r.overdue.value), r.overdue.value.items.length ? 'bad' : 'good'));
      if (r.dueSoon.ok) cards.push(kpi('dueSoon', t('kpi_dueSoon'), countLabel(r.dueSoon.value), r.dueSoon.value.items.length ? 'warn' : ''));
      cards.push(kpi('breaches', t('kpi_breaches'), periodBreaches, periodBreaches ? 'bad' : 'good'));
      const pauses = Object.values(r.summary.value.pausesByReason || {});
      cards.push(kpi('pauses', t('kpi_pauses'), `${pauses.reduce((a, b) => a + b.pauses, 0)} · ${(pauses.reduce((a, b) => a + b.pausedMs, 0) / 86400000).toFixed(1)}`));
      cards.push(kpi('onTimeReply', t('kpi_onTimeReply'), f.onTimeReplyRate.percent));
      cards.push(kpi('timelyAcceptance', t('kpi_timelyAcceptance'), f.timelyAcceptanceRate.percent));
      cards.push(kpi('satisfaction', t('kpi_satisfaction'), f.satisfactionRate.percent));
    } else {
      if (r.trend.ok) cards.push(kpi('registered', t('kpi_registered'), r.trend.value.buckets.reduce((a, b) => a + b.registered, 0)));
      if (r.overdue.ok) cards.push(kpi('overdue', t('kpi_overdue'), countLabel(r.overdue.value), r.overdue.value.items.length ? 'bad' : 'good'));
      if (r.dueSoon.ok) cards.push(kpi('dueSoon', t('kpi_dueSoon'), countLabel(r.dueSoon.value), r.dueSoon.value.items.length ? 'warn' : ''));
    }
    if (r.openBreaches.ok) cards.push(kpi('openBreaches', t('kpi_openBreaches'), countLabel(r.openBreaches.value), r.openBreaches.value.items.length ? 'bad' : 'good'));

    const overdueTable = r.overdue.ok ? table(
      [{ label: t('col_case') }, { label: t('col_category') }, { label: t('col_unit') }, { label: t('col_deadline') },
        { label: t('col_due') }, { label: t('col_overdueBy') }],
      r.overdue.value.items.map((c) => [caseLink(c.caseId), categoryName(c.category), c.leadUnitId || '—',
        deadlineName(c.unitDueKey), dueCell(c.unitDueAt, c.provisionalYears), left(c.unitDueAt)]), { id: 'overdue-table' }) : failureNote(r.overdue);
    const dueSoonTable = r.dueSoon.ok ? table(
      [{ label: t('col_case') }, { label: t('col_category') }, { label: t('col_unit') }, { label: t('col_deadline') },
        { label: t('col_due') }, { label: t('col_timeLeft') }],
      r.dueSoon.value.items.map((c) => [caseLink(c.caseId), categoryName(c.category), c.leadUnitId || '—',
        deadlineName(c.unitDueKey), dueCell(c.unitDueAt, c.provisionalYears), left(c.unitDueAt)]), { id: 'due-soon-table' }) : failureNote(r.dueSoon);

    let leagueBody;
    if (r.units.ok) {
      const ledger = new Map((r.ledger.ok ? r.ledger.value.items : []).map((l) => [l.unitId, l]));
      leagueBody = table(
        [{ label: t('col_rank'), num: true }, { label: t('col_unit') }, { label: t('col_cases'), num: true }, { label: t('col_open'), num: true },
          { label: t('col_overdue'), num: true }, { label: t('col_breaches'), num: true }, { label: t('col_onTime'), num: true },
          { label: t('col_escalations'), num: true }, { label: t('col_letters'), num: true }],
        r.units.value.items.map((u, i) => {
          const l = ledger.get(u.unitId);
          return [String(i + 1), u.unitId, String(u.cases), String(u.open), String(u.overdue), String(u.breaches), u.onTimeReplyRate.percent,
            String(l ? l.escalations : 0), String(l ? l.letters : 0)];
        }), { id: 'league-table' });
    } else if (r.ledger.ok) {
      leagueBody = table([{ label: t('col_unit') }, { label: t('col_breaches'), num: true }, { label: t('col_open'), num: true },
        { label: t('col_escalations'), num: true }, { label: t('col_letters'), num: true }],
      r.ledger.value.items.map((l) => [l.unitId || '—', String(l.breaches), String(l.open), String(l.escalations), String(l.letters)]), { id: 'league-table' });
    } else leagueBody = failureNote(r.units);

    const breachesTable = r.breaches.ok ? table(
      [{ label: t('col_case') }, { label: t('col_deadline') }, { label: t('col_unit') }, { label: t('col_due') }, { label: t('col_breachedAt') }],
      r.breaches.value.items.map((b) => [caseLink(b.caseId), deadlineName(b.deadlineKey), b.unitId || '—', fmtTime(b.dueAt), fmtTime(b.breachedAt)]),
      { id: 'breaches-table' }) : failureNote(r.breaches);

    const letterWork = r.letterWork.ok ? (r.letterWork.value.letters.length ? table(
      [{ label: t('letterNo') }, { label: t('d_kind') }, { label: t('col_unit') }, { label: t('col_case') }, { label: t('feedbackState') }, { label: t('col_due') }],
      r.letterWork.value.letters.map((l) => [l.letterNo, letterKind(l.kind), l.recipientUnit, caseLink(l.caseId),
        el('span', { class: `feedback-state ${l.feedbackState}`, text: code('feedbackState', l.feedbackState) }), l.feedbackDueAt ? fmtTime(l.feedbackDueAt) : '—']),
      { id: 'letter-work-table' }) : el('p', { class: 'empty', id: 'no-letter-work', text: t('noLetterWork') })) : null;
    const trendNode = el('div', { class: 'chart', id: 'trend-chart' });
    const categoryNode = el('div', { class: 'chart', id: 'category-chart' });
    view.replaceChildren(view.firstChild,
      el('div', { class: 'kpis', id: 'kpis' }, cards),
      panel('overdue-panel', t('overdueList'), overdueTable),
      panel('due-soon-panel', t('dueSoonList'), dueSoonTable),
      ...(letterWork ? [panel('letter-work-panel', who.role === 'supervisor' ? t('feedbackToReview') : t('lettersToAnswer'), letterWork)] : []),
      panel('league-panel', t('league'), leagueBody),
      el('div', { class: 'grid2' },
        panel('trend-panel', t('trend'), r.trend.ok ? trendNode : failureNote(r.trend)),
        panel('category-panel', t('categories'), categoryNode)),
      panel('breaches-panel', t('breachesList'), breachesTable));

    disposeCharts();
    await fontsReady();
    if (token !== renderToken || !auth) return;
    if (r.trend.ok) {
      const b = r.trend.value.buckets;
      chart(trendNode, {
        animation: false,
        tooltip: { trigger: 'axis' },
        legend: { top: 0, data: [t('series_registered'), t('series_replied'), t('series_breaches')] },
        grid: { left: 40, right: 20, top: 40, bottom: 30 },
        xAxis: { type: 'category', data: b.map((x) => x.bucket.slice(5)) },
        yAxis: { type: 'value', minInterval: 1 },
        series: [
          { name: t('series_registered'), type: 'bar', data: b.map((x) => x.registered), itemStyle: { color: '#5b8def' } },
          { name: t('series_replied'), type: 'line', data: b.map((x) => x.replied), itemStyle: { color: '#12b76a' } },
          { name: t('series_breaches'), type: 'line', data: b.map((x) => x.breaches), itemStyle: { color: '#d92d20' } },
        ],
      });
    }
    const cats = r.summary.ok ? r.summary.value.categories.map((c) => ({ key: c.key, cases: c.cases }))
      : r.trend.ok ? r.trend.value.categories.map((c) => ({ key: c.category, cases: c.cases })) : [];
    if (cats.length) {
      chart(categoryNode, {
        animation: false,
        tooltip: { trigger: 'item' },
        legend: { type: 'scroll', bottom: 0 },
        series: [{ type: 'pie', radius: ['35%', '65%'], data: cats.map((c) => ({ name: categoryName(c.key), value: c.cases })) }],
      });
    } else categoryNode.replaceWith(el('p', { class: 'empty', text: t('noRows') }));
  }

  async function renderCase(view, caseId, token) {
    view.replaceChildren(el('p', {}, el('a', { href: '#/overview', text: `← ${t('back')}` })), el('p', { class: 'muted', text: t('loading') }));
    const id = encodeURIComponent(caseId);
    const r = await settle({
      read: api(`/petitions/${id}`),
      live: api(`/petitions/${id}/live`),
      petitioner: api(`/petitions/${id}/petitioner`),
      letters: api(`/letters?caseId=${id}`),
    });
    if (token !== renderToken || !auth) return;
    const head = el('p', {}, el('a', { href: '#/overview', id: 'back', text: `← ${t('back')}` }));
    if (!r.read.ok && !r.live.ok) {
      view.replaceChildren(head, panel('case-facts', t('caseTitle'), failureNote(r.read)));
      return;
    }
    const c = r.read.ok ? r.read.value.case : {};
    const live = r.live.ok ? r.live.value : null;
    const st = live ? live.state : {};
    const fact = (label, value) => [el('dt', { text: label }), el('dd', {}, value === undefined || value === null || value === '' ? '—' : value)];
    const facts = el('dl', { class: 'facts', id: 'facts' },
      fact(t('col_case'), el('code', { id: 'case-id', text: caseId })),
      fact(t('f_status'), code('status', c.status || st.status)),
      fact(t('f_step'), code('step', c.step || st.step)),
      fact(t('f_channel'), code('channel', c.channel)),
      fact(t('f_kind'), code('kind', c.kind)),
      fact(t('f_category'), categoryName(c.category)),
      fact(t('f_region'), c.regionCode),
      fact(t('f_level'), code('level', c.level)),
      fact(t('f_persons'), c.persons === undefined ? '' : String(c.persons)),
      fact(t('f_leadUnit'), c.leadUnitId),
      fact(t('f_routing'), code('routing', c.routingMode)),
      fact(t('f_registeredAt'), fmtTime(c.registeredAt)),
      fact(t('f_policy'), live ? `${live.policy.id} v${live.policy.version}` : c.policyId ? `${c.policyId} v${c.policyVersion}` : ''),
      fact(t('f_breaches'), c.breachCount === undefined ? '' : el('span', { class: c.breachCount ? 'tag red' : 'tag', text: String(c.breachCount) })),
      fact(t('f_repeats'), c.repeatCount === undefined ? '' : String(c.repeatCount)),
      fact(t('f_projection'), !live || !live.projection ? '' : live.projection.status === 'stuck'
        ? el('span', { class: 'tag red', id: 'projection-stuck', text: `${t('projectionStuck')} #${live.projection.fromSeq} ${live.projection.errorCode || ''}` })
        : el('span', { class: 'tag', id: 'projection-ok', text: t('projectionOk') })));

    let petitioner;
    if (r.petitioner.ok) {
      const p = r.petitioner.value.petitioner;
      petitioner = el('dl', { class: 'facts', id: 'petitioner' },
        fact(t('f_name'), p.name), fact(t('f_idNumber'), p.idNumber), fact(t('f_phone'), p.phone), fact(t('f_address'), p.address),
        fact(t('f_summary'), p.summary));
    } else petitioner = failureNote(r.petitioner);

    const records = live ? live.timeline.map((x) => ({ seq: x.seq, e: x.event || x }))
      : (r.read.ok ? r.read.value.events.map((x) => ({ seq: x.seq, e: x })) : []);
    const timeline = table([{ label: t('t_seq'), num: true }, { label: t('t_at') }, { label: t('t_event') }, { label: t('t_actor') }, { label: t('t_reason'), wrap: true }],
      records.map(({ seq, e }) => [String(seq), fmtTime(e.at), el('span', { 'data-event': e.type, text: code('event', e.type) }),
        e.actor ? `${code('role', e.actor.role)}${e.actor.id !== e.actor.role ? ` ${e.actor.id}` : ''}${e.actor.unitId ? ` · ${e.actor.unitId}` : ''}` : '—',
        e.reason || e.letterNo || (e.deadlineKey ? deadlineName(e.deadlineKey) : '')]), { id: 'timeline-table' });

    const pendingRows = live ? [...live.pendingDeadlines].sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt)) : [];
    const pending = live ? table([{ label: t('d_key') }, { label: t('d_kind') }, { label: t('d_dueAt') }, { label: t('d_left') }],
      pendingRows.map((d) => [el('span', { 'data-deadline': d.key, text: `${deadlineName(d.deadlineKey || d.key)}${d.letterNo ? ` · ${d.letterNo}` : ''}` }),
        d.kind === 'escalation' && d.rung && config.rungs[d.rung] ? (lang === 'en' ? config.rungs[d.rung].en : config.rungs[d.rung].zh) : code('pendingKind', d.kind),
        dueCell(d.dueAt, d.provisionalYears), d.paused ? t('paused') : left(d.dueAt)]), { id: 'pending-table' }) : failureNote(r.live);
    // Clock pauses from the read model: clock, reason, why, approver, span and days stopped (a running one up to now).
    const days = (p) => ((p.pausedMs ?? Date.now() - Date.parse(p.startedAt)) / 86400000).toFixed(1);
    const pauses = (c.pauses || []).length ? table([{ label: t('d_key') }, { label: t('p_reason') }, { label: t('t_reason'), wrap: true },
      { label: t('p_approver') }, { label: t('p_span') }, { label: t('p_days'), num: true }],
    c.pauses.map((p) => [deadlineName(p.deadlineKey), code('pauseReason', p.reasonCode), p.reason || '—', p.approverId || '—',
      `${fmtTime(p.startedAt)} – ${p.endedAt ? fmtTime(p.endedAt) : t('p_ongoing')}`, days(p)]), { id: 'pauses-table' })
      : el('p', { class: 'empty', id: 'no-pauses', text: t('noPauses') });

    const letters = r.letters.ok ? (r.letters.value.letters.length ? table(
      [{ label: t('letterNo') }, { label: t('d_kind') }, { label: t('col_unit') }, { label: t('letterIssuedAt') }, { label: t('feedbackState') }, { label: '' }],
      r.letters.value.letters.map((l) => [l.letterNo, letterKind(l.kind), l.addresseeUnit ? `${l.addresseeUnit} (${lang === 'en' ? 'cc' : '抄送'} ${l.copyTo.join(', ')})` : l.recipientUnit, fmtTime(l.issuedAt),
        el('span', { class: `feedback-state ${l.feedbackState || ''}`, 'data-letter-state': l.feedbackState || '', text: l.feedbackState ? code('feedbackState', l.feedbackState) : '—' }),
        el('span', {},
          el('button', { type: 'button', class: 'letter-html', 'data-letter': l.letterId, text: t('letterHtml'), onclick: () => showLetter(l) }), ' ',
          el('button', { type: 'button', class: 'letter-pdf', 'data-letter': l.letterId, text: t('letterPdf'), onclick: () => downloadPdf(l) }))]),
      { id: 'letters-table' }) : el('p', { class: 'empty', id: 'no-letters', text: t('noLetters') })) : failureNote(r.letters);

    view.replaceChildren(head,
      el('h2', { text: `${t('caseTitle')} ${caseId}` }),
      el('div', { class: 'grid2' }, panel('case-facts', t('facts'), facts), panel('case-petitioner', t('petitioner'), petitioner)),
      panel('case-pending', t('pending'), pending),
      panel('case-pauses', t('pauses'), pauses),
      panel('case-timeline', t('timeline'), timeline),
      panel('case-letters', t('letters'), letters));
  }
  function letterKind(kind) {
    const rung = { reminder_letter: 'reminder_letter', listed_supervision_notice: 'listed_supervision', accountability_recommendation: 'accountability_recommendation' }[kind];
    const names = rung && config.rungs[rung];
    return names ? (lang === 'en' ? names.en : names.zh) : kind;
  }
  async function showLetter(l) {
    const html = await api(`/letters/${encodeURIComponent(l.letterId)}.html`, 'text');
    document.getElementById('letter-title').textContent = l.letterNo;
    // A sandboxed frame without scripts: the letter's own styles apply, nothing in it can run. Where no Chinese font is
    // installed, the letter's "Noto Serif SC" comes from this API (the same face the PDF embeds).
    const face = '<style>@font-face { font-family: "Noto Serif SC"; src: local("Noto Serif SC"), local("Noto Serif CJK SC"), '
      + 'url("/dashboard/assets/cjk.ttf") format("truetype"); }</style>';
    document.getElementById('letter-frame').srcdoc = /<head[^>]*>/i.test(html) ? html.replace(/<head[^>]*>/i, (m) => m + face) : face + html;
    document.getElementById('letter-dialog').showModal();
  }
  async function downloadPdf(l) {
    const blob = await api(`/letters/${encodeURIComponent(l.letterId)}.pdf`, 'blob');
    const url = URL.createObjectURL(blob);
    const a = el('a', { href: url, download: `letter-${l.letterId}.pdf` });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  }

  async function renderPolicies(view, token) {
    view.replaceChildren(el('p', { class: 'muted', text: t('loading') }));
    const list = await settle({ policies: api('/policies') });
    if (token !== renderToken || !auth) return;
    if (!list.policies.ok) { view.replaceChildren(panel('policies', t('policiesTitle'), failureNote(list.policies))); return; }
    const { builtIn, published } = list.policies.value;
    const ids = [...new Set((published || []).map((p) => p.id))];
    const versions = await settle(Object.fromEntries(ids.map((id) => [id, api(`/policies/${encodeURIComponent(id)}/versions`)])));
    if (token !== renderToken || !auth) return;
    const blocks = [policyBlock(builtIn, t('builtIn'), null)];
    for (const p of published || []) if (p.id !== builtIn.id || p.version !== builtIn.version) blocks.push(policyBlock(p, t('published'), versions[p.id]));
    view.replaceChildren(panel('policies', t('policiesTitle'), blocks));
  }
  function policyBlock(p, origin, versions) {
    const scope = p.scope || {};
    const scopeText = [scope.regionPrefixes && `${t('f_region')} ${scope.regionPrefixes.join(', ')}`, scope.categories && scope.categories.map(categoryName).join(', '),
      scope.channels && scope.channels.map((c) => code('channel', c)).join(', '), scope.kinds && scope.kinds.map((k) => code('kind', k)).join(', ')]
      .filter(Boolean).join(' · ') || t('scopeAll');
    const order = ['route', 'receive', 'notify', 'objection', 'decideObjection', 'acceptance', 'notifyDecision', 'handleClaim', 'handleSuggestion', 'handleReport', 'requestReview',
      'decideReview', 'requestReReview', 'decideReReview'];
    const rank = (k) => (order.indexOf(k) < 0 ? order.length : order.indexOf(k));
    const limits = table([{ label: t('col_deadline') }, { label: t('col_limit') }],
      Object.entries(p.limits || {}).sort(([a], [b]) => rank(a) - rank(b)).map(([k, v]) => [deadlineName(k), fmtLimit(v)]), { class: 'limits-table' });
    const warnings = (p.warnings || []).map((w) => (w.before ? t('warnBefore', { t: fmtLimit(w.before) }) : t('warnAt', { p: Math.round(w.atFraction * 100) })));
    const ladder = el('ol', { class: 'ladder' }, (p.escalation || []).map((r) => el('li', { 'data-rung': r.rung },
      `${config.rungs[r.rung] ? (lang === 'en' ? config.rungs[r.rung].en : config.rungs[r.rung].zh) : r.rung} — `,
      r.after && r.after.amount === 0 ? t('atBreach') : t('after', { t: fmtLimit(r.after) }))));
    const dl = el('dl', { class: 'facts' },
      el('dt', { text: t('scope') }), el('dd', { text: scopeText }),
      el('dt', { text: t('effectiveFrom') }), el('dd', { text: fmtTime(p.effectiveFrom) }),
      el('dt', { text: t('warnings') }), el('dd', { text: warnings.join('；') || '—' }),
      el('dt', { text: t('feedbackLimit') }), el('dd', { text: fmtLimit(p.letterFeedbackLimit) }),
      el('dt', { text: t('evaluationWindow') }), el('dd', { text: fmtLimit(p.evaluationWindow) }),
      el('dt', { text: t('maxExtension') }), el('dd', { text: fmtLimit(p.maxExtension) }));
    let versionTable = null;
    if (versions && versions.ok) {
      versionTable = [el('h3', { text: t('versions') }), table([{ label: t('version'), num: true }, { label: t('publishedAt') }, { label: t('publishedBy') }, { label: t('note') }],
        versions.value.versions.map((v) => [String(v.version), fmtTime(v.publishedAt), v.publishedBy, v.note || '—']), { class: 'versions-table' })];
    }
    return el('div', { class: 'policy', 'data-policy': p.id },
      el('h3', { text: `${p.name} (${p.id} v${p.version}) · ${origin}` }), dl,
      el('div', { class: 'grid2' }, el('div', {}, el('h3', { text: t('limits') }), limits), el('div', {}, el('h3', { text: t('escalation') }), ladder)),
      versionTable);
  }

  // ---------- routing ----------
  function route() {
    const token = ++renderToken;
    applyStaticLabels();
    if (!auth) { showSignIn(''); return; }
    document.getElementById('sign-in').hidden = true;
    const view = document.getElementById('view');
    view.hidden = false;
    disposeCharts();
    const hash = location.hash || '#/overview';
    document.getElementById('nav-overview').classList.toggle('active', hash.startsWith('#/overview') || hash.startsWith('#/case/'));
    document.getElementById('nav-policies').classList.toggle('active', hash.startsWith('#/policies'));
    let work;
    if (hash.startsWith('#/case/')) work = renderCase(view, decodeURIComponent(hash.slice('#/case/'.length)), token);
    else if (hash.startsWith('#/policies')) work = renderPolicies(view, token);
    else work = renderOverview(view, token);
    work.catch((err) => {
      if (token !== renderToken || !auth) return;
      view.replaceChildren(el('p', { class: 'error', text: `${t('error')}: ${err && err.text ? err.text() : String(err)}` }));
    });
  }

  async function start() {
    try { config = await (await fetch('/dashboard/config', { cache: 'no-store' })).json(); } catch (_) { /* keep the defaults: token only */ }
    // Labels are (re)drawn once the CJK face is usable, so no text stays in a fallback font without Chinese glyphs.
    await fontsReady();
    document.body.classList.remove('booting');
    document.getElementById('lang-toggle').addEventListener('click', () => {
      lang = lang === 'en' ? 'zh-CN' : 'en';
      localStorage.setItem(LANG_KEY, lang);
      route();
    });
    document.getElementById('sign-out').addEventListener('click', () => { saveAuth(null); showSignIn(''); });
    document.getElementById('token-form').addEventListener('submit', async (e) => {
      e.preventDefault();
      const token = document.getElementById('token-input').value.trim();
      if (!token) return;
      saveAuth({ kind: 'token', token });
      try {
        await api('/policies');
        document.getElementById('token-input').value = '';
        route();
      } catch (err) {
        if (auth) { saveAuth(null); showSignIn(err.text ? err.text() : String(err)); }
      }
    });
    document.getElementById('demo-form').addEventListener('submit', (e) => {
      e.preventDefault();
      const role = document.getElementById('demo-role').value;
      const id = document.getElementById('demo-id').value.trim() || `${role}-demo`;
      const unit = document.getElementById('demo-unit').value.trim();
      if (UNIT_ROLES.includes(role) && !unit) { document.getElementById('sign-in-error').textContent = `${t('unit')}?`; return; }
      saveAuth({ kind: 'dev', id, role, unit: unit || undefined });
      route();
    });
    document.getElementById('letter-close').addEventListener('click', () => document.getElementById('letter-dialog').close());
    window.addEventListener('hashchange', route);
    window.addEventListener('resize', () => { for (const c of charts) c.resize(); });
    route();
  }

  document.addEventListener('DOMContentLoaded', start);
})();
