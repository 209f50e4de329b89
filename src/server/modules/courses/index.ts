/**
 * The courses module's public face: what other modules (and the app, the jobs, the CLI) may use.
 * Everything else in this folder is internal; ESLint refuses imports of it from outside (eslint.config.js).
 */
export { courseRoutes } from './courses.routes.ts';
// The hook for employment after a course (placements within 3 and 6 months, hires against an employer's commitment).
export { completersOf } from './courses.service.ts';
export { courseDataOf } from './data-subject.service.ts';
export { anonymiseCoursesOf } from './anonymise.service.ts';
// Employment after a course (placements within 3 and 6 months, hires against a commitment).
export { courseEmployment } from './employment.service.ts';
// The records of a project's courses that the programmes module's results framework counts.
export { projectCourseRecords, type ProjectCourseRecords } from './project-records.ts';
// Read-only facts for the indicators (enrolments and completions, counted there, never returned as rows).
export { completionStatistics, enrolmentStatistics } from './statistics.service.ts';
// THE rule for the persons of a course of a special-group project (docs/COURSES.md, "Courses of a restricted
// project"): any list of a course's persons asks it; and the programmes module asks, before a project becomes
// restricted to a special group, which trainers of its courses lack special-category:read.
export { seesCoursePersons, projectTrainersWithoutSpecialRead } from './restriction.ts';
// Who is enrolled on a course now (childcare's priority rule, docs/CHILDCARE.md).
export { enrolledPersonsOf } from './participants.ts';
// People's merge of duplicates moves the person's applications (docs/PEOPLE.md, "Merging duplicates").
export { moveCourseApplicationsToPerson, type CourseMoveResult } from './merge.service.ts';
