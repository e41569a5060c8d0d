import { readAnswers } from '../answers';
import { inspectImage, projectContainers, running } from '../docker';
import type { CourseEnv } from '../env';
import { finding, type Finding } from '../verdict';

/** Lesson 1: the learner read the running catalog image's layers and user off `docker image inspect`. */
export async function checkImages(env: CourseEnv): Promise<Finding[]> {
  const [catalog] = running(await projectContainers(env.project, 'catalog'));
  if (!catalog) return [finding(false, `a running catalog container in project ${env.project}`)];
  const image = await inspectImage(catalog.Image);
  const answers = readAnswers(env, '01');
  if (!answers) return [finding(false, 'course/work/01-answers.json exists')];
  return [
    finding(
      answers.catalogLayers === image.RootFS.Layers.length,
      `catalogLayers is the number of layers of the image the catalog runs (${String(answers.catalogLayers)})`,
    ),
    finding(
      answers.catalogUser === image.Config.User,
      `catalogUser is the user that image runs as (${String(answers.catalogUser)})`,
    ),
  ];
}
