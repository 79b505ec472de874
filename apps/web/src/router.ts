import { createRouter, createWebHashHistory } from 'vue-router';
import { who } from './api/session';

/** Hash routes: the API serves one page at /workbench, every view lives after the #. */
export const router = createRouter({
  history: createWebHashHistory(),
  routes: [
    { path: '/', redirect: () => homeOf(who.value?.role) },
    { path: '/sign-in', component: () => import('./views/SignIn.vue') },
    { path: '/cases/:view(todo|done|all)', component: () => import('./views/CaseList.vue'), props: true },
    { path: '/case/:caseId', component: () => import('./views/CaseView.vue'), props: true },
    { path: '/register', component: () => import('./views/RegisterView.vue') },
    { path: '/overview', component: () => import('./views/OverviewView.vue') },
    { path: '/units', component: () => import('./views/UnitsView.vue') },
    { path: '/drill', component: () => import('./views/DrillView.vue') },
    { path: '/audit', component: () => import('./views/AuditView.vue') },
    { path: '/policies', component: () => import('./views/PoliciesView.vue') },
  ],
});

/** Where each role starts: its work list, the overview for the supervision office, the audit views for auditors. */
export function homeOf(role: string | undefined): string {
  if (!role) return '/sign-in';
  if (role === 'auditor' || role === 'admin') return '/audit';
  if (role === 'supervisor' || role === 'leader') return '/overview';
  return '/cases/todo';
}

router.beforeEach((to) => {
  if (!who.value && to.path !== '/sign-in') return '/sign-in';
  return true;
});
